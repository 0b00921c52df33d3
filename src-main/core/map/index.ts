export { openMapService, type MapService, type MapSource } from './map-service.ts';
export { computeLayout, placeNear, pickLandmarks, DEFAULT_MAX_LANDMARKS, type Layout, type LayoutOptions } from './layout.ts';
export { labelRegions, kmeans2d } from './regions.ts';
export { readCachedMap, writeCachedMap, mapCacheFile, MAP_DIR, type CachedMap } from './map-cache.ts';
export { workerLayoutRunner, inlineLayoutRunner, type LayoutRunner } from './layout-runner.ts';
export { FEATURES_VERSION, TERM_DIMS, TERM_WEIGHT, layoutVector, termIdf } from './term-features.ts';

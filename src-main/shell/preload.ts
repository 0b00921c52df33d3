/**
 * Preload entry (sandboxed, context-isolated). Bundled by electron-vite into out/preload/index.cjs;
 * a sandboxed preload may require only 'electron' and must be CommonJS.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeFacetApi, forwardMenuCommands } from './preload-api.ts';

exposeFacetApi(contextBridge, ipcRenderer);
forwardMenuCommands(ipcRenderer, window);

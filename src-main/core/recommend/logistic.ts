/**
 * Weighted, L2-regularised logistic regression on dense vectors, trained by Nesterov-accelerated
 * gradient descent. Small and dependency-free: a few hundred examples of a few hundred dimensions
 * train in tens of milliseconds, which is what "For you" needs on every request.
 */
import { dot } from './vectors.ts';

export interface WeightedExample {
  x: ArrayLike<number>;
  /** 1 for positive, 0 for negative. */
  y: 0 | 1;
  weight: number;
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias), relative to a total example weight of 1. */
  l2?: number;
  iterations?: number;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Minimises sum_i w_i * logloss(y_i, sigmoid(w·x_i + b)) / sum_i w_i + l2/2 * |w|^2. */
export function trainLogistic(examples: readonly WeightedExample[], dims: number, options: LogisticOptions = {}): LinearModel {
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 300;
  if (examples.length === 0) throw new Error('logistic regression needs at least one example');
  const totalWeight = examples.reduce((sum, example) => sum + example.weight, 0);
  if (!(totalWeight > 0)) throw new Error('logistic regression needs a positive total example weight');
  // Lipschitz bound of the gradient: the logistic curvature is at most 1/4, and each example's
  // contribution is bounded by |x|^2 + 1 (for the bias).
  let maxSquaredNorm = 0;
  for (const example of examples) maxSquaredNorm = Math.max(maxSquaredNorm, dot(example.x, example.x));
  const step = 1 / (0.25 * (maxSquaredNorm + 1) + l2);

  const weights = new Float64Array(dims);
  let bias = 0;
  // Nesterov: gradient taken at the look-ahead point (lookWeights, lookBias).
  const previous = new Float64Array(dims);
  let previousBias = 0;
  const lookWeights = new Float64Array(dims);
  let lookBias = 0;
  const gradient = new Float64Array(dims);
  for (let t = 1; t <= iterations; t++) {
    gradient.fill(0);
    let gradientBias = 0;
    for (const example of examples) {
      const z = dot(lookWeights, example.x) + lookBias;
      const residual = (example.weight / totalWeight) * (sigmoid(z) - example.y);
      if (residual === 0) continue;
      const x = example.x;
      for (let i = 0; i < dims; i++) gradient[i]! += residual * x[i]!;
      gradientBias += residual;
    }
    previous.set(weights);
    previousBias = bias;
    for (let i = 0; i < dims; i++) weights[i] = lookWeights[i]! - step * (gradient[i]! + l2 * lookWeights[i]!);
    bias = lookBias - step * gradientBias;
    const momentum = (t - 1) / (t + 2);
    for (let i = 0; i < dims; i++) lookWeights[i] = weights[i]! + momentum * (weights[i]! - previous[i]!);
    lookBias = bias + momentum * (bias - previousBias);
  }
  return { weights, bias };
}

export function decision(model: LinearModel, x: ArrayLike<number>): number {
  return dot(model.weights, x) + model.bias;
}

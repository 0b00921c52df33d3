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

/**
 * Minimises sum_i w_i * logloss(y_i, sigmoid(w·x_i + b)) / sum_i w_i + l2/2 * |w|^2.
 * Stops early once the gradient is negligible.
 */
export function trainLogistic(examples: readonly WeightedExample[], dims: number, options: LogisticOptions = {}): LinearModel {
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 300;
  const n = examples.length;
  if (n === 0) throw new Error('logistic regression needs at least one example');
  const totalWeight = examples.reduce((sum, example) => sum + example.weight, 0);
  if (!(totalWeight > 0)) throw new Error('logistic regression needs a positive total example weight');
  // One flat row-major matrix: the inner loops stay on one typed array.
  const matrix = new Float64Array(n * dims);
  const labels = new Float64Array(n);
  const weightOf = new Float64Array(n);
  let maxSquaredNorm = 0;
  examples.forEach((example, row) => {
    if (example.x.length !== dims) throw new Error(`logistic regression: example ${row} has ${example.x.length} dimensions, expected ${dims}`);
    let squared = 0;
    for (let i = 0; i < dims; i++) {
      const value = example.x[i]!;
      matrix[row * dims + i] = value;
      squared += value * value;
    }
    maxSquaredNorm = Math.max(maxSquaredNorm, squared);
    labels[row] = example.y;
    weightOf[row] = example.weight / totalWeight;
  });
  // Lipschitz bound of the gradient: the logistic curvature is at most 1/4, and each example's
  // contribution is bounded by |x|^2 + 1 (for the bias).
  const step = 1 / (0.25 * (maxSquaredNorm + 1) + l2);

  const weights = new Float64Array(dims);
  let bias = 0;
  // Nesterov: the gradient is taken at the look-ahead point (lookWeights, lookBias).
  const previous = new Float64Array(dims);
  let previousBias = 0;
  const lookWeights = new Float64Array(dims);
  let lookBias = 0;
  const gradient = new Float64Array(dims);
  for (let t = 1; t <= iterations; t++) {
    gradient.fill(0);
    let gradientBias = 0;
    for (let row = 0; row < n; row++) {
      const offset = row * dims;
      let z = lookBias;
      for (let i = 0; i < dims; i++) z += lookWeights[i]! * matrix[offset + i]!;
      const residual = weightOf[row]! * (sigmoid(z) - labels[row]!);
      for (let i = 0; i < dims; i++) gradient[i]! += residual * matrix[offset + i]!;
      gradientBias += residual;
    }
    let gradientNorm = gradientBias * gradientBias;
    for (let i = 0; i < dims; i++) {
      gradient[i]! += l2 * lookWeights[i]!;
      gradientNorm += gradient[i]! * gradient[i]!;
    }
    previous.set(weights);
    previousBias = bias;
    for (let i = 0; i < dims; i++) weights[i] = lookWeights[i]! - step * gradient[i]!;
    bias = lookBias - step * gradientBias;
    if (gradientNorm < 1e-14) break;
    const momentum = (t - 1) / (t + 2);
    for (let i = 0; i < dims; i++) lookWeights[i] = weights[i]! + momentum * (weights[i]! - previous[i]!);
    lookBias = bias + momentum * (bias - previousBias);
  }
  return { weights, bias };
}

export function decision(model: LinearModel, x: ArrayLike<number>): number {
  return dot(model.weights, x) + model.bias;
}

/**
 * A small logistic regression fitted by batch gradient descent, and ROC AUC: enough for the local train stage to
 * fit a model on the feature store and report a metric without a GPU or Python.
 */

/** A fitted model: weights per standardised feature, and the bias. */
export interface LogisticModel {
  readonly weights: readonly number[];
  readonly bias: number;
  readonly means: readonly number[];
  readonly scales: readonly number[];
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Fits `y ~ x` (labels 0/1); features are standardised first. */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  epochs = 200,
  rate = 0.5,
): LogisticModel {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  if (n === 0 || d === 0) throw new RangeError('fitLogistic: no rows or no features');
  const means = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + (r[j] ?? 0), 0) / n);
  const scales = Array.from({ length: d }, (_, j) => {
    const v = x.reduce((s, r) => s + ((r[j] ?? 0) - (means[j] ?? 0)) ** 2, 0) / n;
    return Math.sqrt(v) || 1;
  });
  const z = x.map((r) => r.map((v, j) => (v - (means[j] ?? 0)) / (scales[j] ?? 1)));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = z[i] ?? [];
      const err = sigmoid(row.reduce((s, v, j) => s + v * (w[j] ?? 0), b)) - (y[i] ?? 0);
      for (let j = 0; j < d; j++) gw[j] = (gw[j] ?? 0) + err * (row[j] ?? 0);
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j] = (w[j] ?? 0) - (rate * (gw[j] ?? 0)) / n;
    b -= (rate * gb) / n;
  }
  return { weights: w, bias: b, means, scales };
}

/** Predicted probabilities. */
export function predict(model: LogisticModel, x: readonly (readonly number[])[]): number[] {
  return x.map((r) =>
    sigmoid(
      r.reduce(
        (s, v, j) => s + ((v - (model.means[j] ?? 0)) / (model.scales[j] ?? 1)) * (model.weights[j] ?? 0),
        model.bias,
      ),
    ),
  );
}

/** Area under the ROC curve (the probability that a random positive scores above a random negative; ties count half). */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const pairs = scores.map((s, i) => ({ s, y: labels[i] ?? 0 })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    while (j < pairs.length && pairs[j]?.s === pairs[i]?.s) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (pairs[k]?.y === 1) {
        rankSum += rank;
        positives++;
      }
    i = j;
  }
  const negatives = pairs.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError('rocAuc: needs both classes');
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.stream.IntStream;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.distance.Metric;
import org.cryoem.wasserstein.distance.Metrics;
import org.cryoem.wasserstein.image.CircularMask;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Rotation;
import org.cryoem.wasserstein.io.Mrc;

/**
 * Side study for the fast search (issue 4): would Elkan-style bounds carried
 * across Lloyd iterations skip (image, class) pairs? Class c can be skipped
 * for image i when l(i,c) − drift(c) ≥ u(i) + drift(own class), with l a lower
 * bound on the image's distance to the class's old centroid, u its distance to
 * its own one, and drift the largest distance, over the m rotations, between a
 * centroid's old and new rotated embeddings (triangle inequality in the
 * embedding space).
 * <p>
 * The program classifies the first N images for ITER iterations, then runs
 * one more assignment exhaustively (every class's minimum over rotations),
 * forms the new means, and reports the share of pairs the test would skip
 * with two kinds of l: the exact per-class minimum (the best case), and the
 * lower bound the fast search knows when it drops a class (the first block
 * at which every rotation's partial sum plus tail bound reaches the image's
 * best, in groups of 64 rotations as in the search when this was measured;
 * it now uses groups of 16).
 * </p>
 *
 * <pre>
 * java -Xmx6g -cp target/*-all.jar scripts/DriftBounds.java STACK N K METRIC ITER
 * </pre>
 */
public class DriftBounds {

	public static void main(final String[] args) throws Exception {
		final int n = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]), m = 200;
		final String name = args[3];
		final int iterations = Integer.parseInt(args[4]);
		final ParticleStack stack = Mrc.readStack(Paths.get(args[0]), n);
		final int size = stack.size();
		final ClassificationParameters p = new ClassificationParameters();
		p.metric = name;
		p.classes = k;
		p.rotations = m;
		p.maxIterations = iterations;
		p.seed = 1;
		final ClassificationResult result = Classifier.classify(stack, p, null);
		final Metric metric = Metrics.create(name, "sym5", 6, "zero");
		final CircularMask mask = new CircularMask(size, (size - 1) / 2.0);
		final int dim = metric.embeddingLength(size);
		final float[][] images = new float[n][dim];
		final float[] buffer = new float[size * size];
		for (int i = 0; i < n; i++) {
			mask.apply(stack.image(i), buffer);
			metric.embed(buffer, size, images[i]);
		}
		// the next assignment, exhaustively: every class's minimum over rotations
		final float[][] old = result.classAverages;
		final float[][][] oldRotated = rotations(metric, old, size, m, dim);
		final double[][] cost = new double[n][k];
		final int[][] rotation = new int[n][k];
		IntStream.range(0, n).parallel().forEach(i -> {
			for (int c = 0; c < k; c++) {
				double best = Double.POSITIVE_INFINITY;
				for (int r = 0; r < m; r++) {
					final double d = metric.partial(images[i], oldRotated[c][r], best);
					if (d < best) {
						best = d;
						rotation[i][c] = r;
					}
				}
				cost[i][c] = best;
			}
		});
		final int[] own = new int[n];
		for (int i = 0; i < n; i++)
			for (int c = 1; c < k; c++)
				if (cost[i][c] < cost[i][own[i]]) own[i] = c;
		final double[][] dropped = droppedBounds(metric, images, oldRotated, cost, own, m, dim);
		// the new means and their drift
		final float[][] next = new float[k][];
		for (int c = 0; c < k; c++) {
			final double[] sum = new double[size * size];
			final float[] image = new float[size * size], back = new float[size * size];
			int count = 0;
			for (int i = 0; i < n; i++) {
				if (own[i] != c) continue;
				mask.apply(stack.image(i), image);
				Rotation.rotate(image, size, -Rotation.angle(rotation[i][c], m), back);
				for (int q = 0; q < sum.length; q++)
					sum[q] += back[q];
				count++;
			}
			next[c] = count == 0 ? old[c].clone() : new float[size * size];
			for (int q = 0; count > 0 && q < sum.length; q++)
				next[c][q] = (float) (sum[q] / count);
		}
		final float[][][] nextRotated = rotations(metric, next, size, m, dim);
		final double[] drift = new double[k];
		for (int c = 0; c < k; c++)
			for (int r = 0; r < m; r++)
				drift[c] = Math.max(drift[c], metric.distance(oldRotated[c][r], nextRotated[c][r]));
		long pairs = 0, exact = 0, known = 0;
		final double[] gap = new double[n], distance = new double[n];
		for (int i = 0; i < n; i++) {
			final double u = metric.finish(cost[i][own[i]]);
			double second = Double.POSITIVE_INFINITY;
			for (int c = 0; c < k; c++) {
				if (c == own[i]) continue;
				pairs++;
				final double l = metric.finish(cost[i][c]);
				second = Math.min(second, l);
				if (l - drift[c] >= u + drift[own[i]]) exact++;
				if (metric.finish(dropped[i][c]) - drift[c] >= u + drift[own[i]]) known++;
			}
			distance[i] = u;
			gap[i] = second - u;
		}
		Arrays.sort(gap);
		Arrays.sort(distance);
		final double[] sortedDrift = drift.clone();
		Arrays.sort(sortedDrift);
		System.out.printf("%s, n = %d, k = %d, after %d iterations: median distance %.4g, median gap to "
			+ "the second class %.4g, median drift %.4g; pairs skipped with exact minima %.1f %%, "
			+ "with the search's bounds %.1f %%%n", name, n, k, iterations, distance[n / 2], gap[n / 2],
			sortedDrift[k / 2], 100.0 * exact / pairs, 100.0 * known / pairs);
	}

	/** Embeddings of the m rotations of every centroid. */
	private static float[][][] rotations(final Metric metric, final float[][] centroids,
		final int size, final int m, final int dim)
	{
		final float[][][] out = new float[centroids.length][m][dim];
		IntStream.range(0, centroids.length).parallel().forEach(c -> {
			final float[] buffer = new float[size * size];
			for (int r = 0; r < m; r++) {
				Rotation.rotate(centroids[c], size, Rotation.angle(r, m), buffer);
				metric.embed(buffer, size, out[c][r]);
			}
		});
		return out;
	}

	/**
	 * Per (image, class): the lower bound at which the fast search drops the
	 * class, bounded by the image's best cost: per group of 64 rotations, the
	 * least partial sum plus tail bound at the first block where that least
	 * value reaches the best; the class's bound is the least over its groups.
	 */
	private static double[][] droppedBounds(final Metric metric, final float[][] images,
		final float[][][] rotated, final double[][] cost, final int[] own, final int m,
		final int dim)
	{
		final int n = images.length, k = rotated.length, block = metric.block();
		final int blocks = (dim + block - 1) / block, group = 64;
		final double[][] imageRest = new double[n][blocks + 1];
		for (int i = 0; i < n; i++)
			metric.suffixNorms(images[i], imageRest[i]);
		final double[][][] rotatedRest = new double[k][m][blocks + 1];
		for (int c = 0; c < k; c++)
			for (int r = 0; r < m; r++)
				metric.suffixNorms(rotated[c][r], rotatedRest[c][r]);
		final boolean w1 = metric.name().equals("w1");
		final double[][] out = new double[n][k];
		IntStream.range(0, n).parallel().forEach(i -> {
			final double best = cost[i][own[i]];
			for (int c = 0; c < k; c++) {
				double low = Double.POSITIVE_INFINITY;
				for (int g0 = 0; g0 < m; g0 += group) {
					final int g1 = Math.min(m, g0 + group);
					final double[] sum = new double[g1 - g0];
					for (int b = 0; b < blocks; b++) {
						final int from = b * block, to = Math.min(dim, from + block);
						double least = Double.POSITIVE_INFINITY;
						for (int r = g0; r < g1; r++) {
							float s = 0;
							for (int q = from; q < to; q++) {
								final float d = images[i][q] - rotated[c][r][q];
								s += w1 ? Math.abs(d) : d * d;
							}
							sum[r - g0] += s;
							least = Math.min(least, sum[r - g0] + metric.tailLowerBound(imageRest[i][b + 1],
								rotatedRest[c][r][b + 1]));
						}
						if (least > best || b == blocks - 1) {
							low = Math.min(low, least);
							break;
						}
					}
				}
				out[i][c] = low;
			}
		});
		return out;
	}
}

import java.nio.file.Paths;
import java.util.concurrent.atomic.LongAdder;
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
 * Side study for the fast search (issue 4): would triangle-inequality bounds
 * between neighbouring rotations of the same centroid spare the first blocks,
 * which every candidate computes today? With "anchor" rotations every s
 * steps computed as usual, a rotation r between anchors a and a' costs at
 * least max(P(a) − D(a, r), P(a') − D(a', r)) in its first b blocks, where P
 * is an anchor's partial sum and D the same partial distance between the two
 * rotated centroids (computed once per class). Adding the search's tail bound
 * gives a lower bound on r's cost without touching the image.
 * <p>
 * The program classifies the first N images for ITER iterations, takes the
 * resulting class averages as the next centroids and each image's best cost
 * against them (from one more iteration), and reports, over all (image, class,
 * rotation) candidates and the first four blocks:
 * </p>
 * <ul>
 * <li>the share still alive before each block when each rotation is pruned on
 * its own, and when rotations are pruned in groups of 64 as the search did
 * until it moved to groups of 16
 * (the vectorised kernel works on contiguous rotations);</li>
 * <li>for anchors every 2, 4 or 8 rotations, the share of the other rotations'
 * candidates that the neighbour bound first proves hopeless after b blocks of
 * the anchors;</li>
 * <li>the share of non-anchor "phase" groups (rotations r ≡ p mod s, the
 * contiguous unit a kernel would see after reordering) entirely proven
 * hopeless by the anchors' first two blocks.</li>
 * </ul>
 * The image's final best cost is used as the bound, which favours every
 * scheme equally (the search starts from the previous assignment's cost).
 *
 * <pre>
 * java -Xmx8g -cp target/*-all.jar scripts/NeighbourBounds.java STACK N K ITER
 * </pre>
 */
public class NeighbourBounds {

	/** Blocks studied, rotations per group in the search, anchor spacings tried. */
	private static final int B = 4, GROUP = 64;
	private static final int[] SPACINGS = { 2, 4, 8 };

	public static void main(final String[] args) throws Exception {
		final int n = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]), m = 200;
		final int iterations = Integer.parseInt(args[3]);
		final ParticleStack stack = Mrc.readStack(Paths.get(args[0]), n);
		final int size = stack.size();
		final ClassificationParameters p = new ClassificationParameters();
		p.metric = "w1";
		p.classes = k;
		p.rotations = m;
		p.maxIterations = iterations;
		p.seed = 1;
		final float[][] centroids = Classifier.classify(stack, p, null).classAverages;
		p.maxIterations = iterations + 1;
		final double[] best = Classifier.classify(stack, p, null).distanceOf; // W1: cost = distance
		final Metric metric = Metrics.create("w1", "sym5", 6, "zero");
		final CircularMask mask = new CircularMask(size, (size - 1) / 2.0);
		final int dim = metric.embeddingLength(size), block = metric.block();
		final int blocks = (dim + block - 1) / block;
		final float[][] images = new float[n][B * block];
		final double[][] imageRest = new double[n][blocks + 1];
		IntStream.range(0, n).parallel().forEach(i -> {
			final float[] buffer = new float[size * size], e = new float[dim];
			mask.apply(stack.image(i), buffer);
			metric.embed(buffer, size, e);
			metric.suffixNorms(e, imageRest[i]);
			System.arraycopy(e, 0, images[i], 0, B * block);
		});
		final float[][][] rotated = new float[k][m][B * block];
		final double[][][] rotatedRest = new double[k][m][blocks + 1];
		IntStream.range(0, k).parallel().forEach(c -> {
			final float[] buffer = new float[size * size], e = new float[dim];
			for (int r = 0; r < m; r++) {
				Rotation.rotate(centroids[c], size, Rotation.angle(r, m), buffer);
				metric.embed(buffer, size, e);
				metric.suffixNorms(e, rotatedRest[c][r]);
				System.arraycopy(e, 0, rotated[c][r], 0, B * block);
			}
		});
		// near[c][r][s][b]: partial distance over blocks 0..b between rotations r and r + s
		final int maxS = SPACINGS[SPACINGS.length - 1];
		final double[][][][] near = new double[k][m][maxS + 1][];
		IntStream.range(0, k).parallel().forEach(c -> {
			for (int r = 0; r < m; r++)
				for (int s = 1; s <= maxS; s++)
					near[c][r][s] = partials(rotated[c][r], rotated[c][(r + s) % m], block);
		});
		final LongAdder candidates = new LongAdder(), groups = new LongAdder();
		final LongAdder[] alive = adders(B + 1), groupAlive = adders(B + 1);
		final LongAdder[][] proven = new LongAdder[SPACINGS.length][];
		final LongAdder[] phases = adders(SPACINGS.length), phasesProven = adders(SPACINGS.length);
		final LongAdder[] others = adders(SPACINGS.length);
		for (int j = 0; j < SPACINGS.length; j++)
			proven[j] = adders(B + 1);
		IntStream.range(0, n).parallel().forEach(i -> {
			final double[][] sum = new double[m][];
			final int[] dies = new int[m];
			for (int c = 0; c < k; c++) {
				for (int r = 0; r < m; r++) {
					sum[r] = partials(images[i], rotated[c][r], block);
					dies[r] = B + 1;
					for (int b = 1; b <= B && dies[r] > B; b++)
						if (sum[r][b - 1] + metric.tailLowerBound(imageRest[i][b], rotatedRest[c][r][b]) > best[i])
							dies[r] = b;
					candidates.increment();
					for (int b = 0; b < dies[r] && b <= B; b++)
						alive[b].increment();
				}
				for (int g = 0; g < m; g += GROUP) {
					int last = 0;
					for (int r = g; r < Math.min(m, g + GROUP); r++)
						last = Math.max(last, dies[r]);
					groups.increment();
					for (int b = 0; b < last && b <= B; b++)
						groupAlive[b].increment();
				}
				for (int j = 0; j < SPACINGS.length; j++) {
					final int s = SPACINGS[j];
					final boolean[] phaseAlive = new boolean[s];
					for (int r = 0; r < m; r++) {
						if (r % s == 0) continue;
						others[j].increment();
						final int a0 = r - r % s, a1 = (a0 + s) % m, up = a0 + s - r;
						int first = B + 1;
						for (int b = 1; b <= B && first > B; b++) {
							final double lb = Math.max(sum[a0][b - 1] - near[c][a0][r - a0][b - 1],
								sum[a1][b - 1] - near[c][r][up][b - 1]);
							if (lb + metric.tailLowerBound(imageRest[i][b], rotatedRest[c][r][b]) > best[i])
								first = b;
						}
						proven[j][Math.min(first, B + 1) - 1].increment();
						if (first > 2) phaseAlive[r % s] = true;
					}
					for (int q = 1; q < s; q++) {
						phases[j].increment();
						if (!phaseAlive[q]) phasesProven[j].increment();
					}
				}
			}
		});
		final double total = candidates.sum(), totalGroups = groups.sum();
		System.out.printf("w1, n = %d, k = %d, after %d iterations, first %d blocks%n", n, k,
			iterations, B);
		for (int b = 0; b <= B; b++)
			System.out.printf("  alive before block %d: rotation by rotation %.1f %%, in groups of %d "
				+ "%.1f %%%n", b, 100 * alive[b].sum() / total, GROUP, 100 * groupAlive[b].sum() / totalGroups);
		for (int j = 0; j < SPACINGS.length; j++) {
			final StringBuilder line = new StringBuilder(String.format(
				"  anchors every %d: non-anchor rotations first proven hopeless by the neighbour bound after",
				SPACINGS[j]));
			for (int b = 0; b < B; b++)
				line.append(String.format(" %d block%s %.1f %%", b + 1, b == 0 ? "" : "s", 100.0 * proven[j][b]
					.sum() / others[j].sum()));
			line.append(String.format("; phase groups proven after 2 blocks %.1f %%", 100.0 *
				phasesProven[j].sum() / phases[j].sum()));
			System.out.println(line);
		}
	}

	/** Partial sums over blocks 0..b of the reference's W1 order (float per block, double total). */
	private static double[] partials(final float[] a, final float[] b, final int block) {
		final double[] out = new double[B];
		double total = 0;
		for (int q = 0; q < B; q++) {
			float s = 0;
			for (int x = q * block; x < (q + 1) * block; x++)
				s += Math.abs(a[x] - b[x]);
			total += s;
			out[q] = total;
		}
		return out;
	}

	private static LongAdder[] adders(final int count) {
		final LongAdder[] out = new LongAdder[count];
		for (int q = 0; q < count; q++)
			out[q] = new LongAdder();
		return out;
	}
}

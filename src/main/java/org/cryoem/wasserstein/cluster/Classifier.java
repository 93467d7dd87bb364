package org.cryoem.wasserstein.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.LongAdder;

import org.cryoem.wasserstein.Progress;
import org.cryoem.wasserstein.distance.Metric;
import org.cryoem.wasserstein.distance.Metrics;
import org.cryoem.wasserstein.image.CircularMask;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Rotation;

/**
 * Rotation-invariant k-means of Rao, Moscovich and Singer (2020): k-means++
 * initialisation (their Algorithm 2) followed by Lloyd iterations (Algorithm 1)
 * with the distance d(I, R_θ(C)) minimised over m equally spaced in-plane
 * rotations θ = 360°·r/m of each centroid C.
 *
 * <h2>Algorithm</h2>
 * <ol>
 * <li>Every image is masked (circular mask, default radius (N−1)/2) and
 * embedded once ({@link Metric#embed}).</li>
 * <li><b>k-means++:</b> the first centroid is an image drawn uniformly at
 * random; each next one is drawn with probability proportional to D(i)², the
 * squared rotation-invariant distance from image i to its nearest chosen
 * centroid (true D² sampling). If every D(i) is 0 the draw is uniform among
 * the images not yet chosen. The nearest-centroid search of the last draw is
 * the first assignment.</li>
 * <li><b>Lloyd iteration:</b> each centroid becomes the mean of its members,
 * each rotated back by the inverse of its best rotation; then every image is
 * assigned to the (class, rotation) of least distance. The loss is Σ d².
 * Iterations stop when the loss no longer decreases (the last assignment that
 * lowered it is kept) or after {@code maxIterations}.</li>
 * <li><b>Empty classes:</b> a class left without members is re-seeded with the
 * image farthest from its own centroid (largest current distance; ties to the
 * lower image index), taking a different image for each empty class.</li>
 * <li>Ties in the arg-min are broken towards the lower class index, then the
 * lower rotation index.</li>
 * </ol>
 *
 * <h2>Determinism</h2> Every image's search runs the candidates in a fixed
 * order, every sum over members runs in image order, and random numbers are
 * drawn only on the coordinating thread from a {@link SplittableRandom} seeded
 * with the seed; so the result depends on the seed and the input, never on the
 * thread count.
 */
public final class Classifier {

	private Classifier() {}

	/** Fast search: number of leading blocks of every candidate computed by the column kernel. */
	static final int HEAD_BLOCKS = 2;

	/**
	 * Classifies a stack. The input is never modified.
	 *
	 * @throws IllegalArgumentException for invalid parameters or input
	 * @throws CancellationException if progress reports cancellation
	 */
	public static ClassificationResult classify(final ParticleStack input,
		final ClassificationParameters params, final Progress progress)
	{
		params.validate(input.count(), input.size());
		final Metric metric = Metrics.create(params.metric, params.wavelet, params.levels,
			params.mode);
		try (Workers workers = new Workers(params.effectiveThreads())) {
			return new Run(input, params, metric, workers, progress).run();
		}
	}

	/** The state of one run. */
	private static final class Run {

		private final int n, size, k, m, dim;
		private final ClassificationParameters params;
		private final Metric metric;
		private final Workers workers;
		private final Progress progress;
		private final ParticleStack input;
		private final CircularMask mask;
		/** Embeddings of the masked images (the masked images are not kept: see {@link #masked}). */
		private final float[][] embedded;
		/** Embeddings of the m rotations of the centroid being searched. */
		private final float[][] rotated;
		/** Fast search only: whether it is used. */
		private final boolean fast;
		/**
		 * Fast search only: the first {@link #headLength} embedding elements of
		 * the m rotated centroids, transposed: {@code head[i][r] = rotated[r][i]}.
		 */
		private final float[][] head;
		private final int headLength;
		/** Fast search only: {@link Metric#tailNorm} of every image's embedding after the head. */
		private final double[] imageTail;
		/** Fast search only: {@link Metric#tailNorm} of every rotated centroid after the head. */
		private final double[] rotatedTail;
		/** Fast search statistics: candidates examined, and those rejected on their head alone. */
		private final LongAdder candidates = new LongAdder(), prunedCandidates = new LongAdder();

		Run(final ParticleStack input, final ClassificationParameters params, final Metric metric,
			final Workers workers, final Progress progress)
		{
			this.n = input.count();
			this.size = input.size();
			this.k = params.classes;
			this.m = params.rotations;
			this.params = params;
			this.metric = metric;
			this.workers = workers;
			this.progress = progress == null ? Progress.NONE : progress;
			this.dim = metric.embeddingLength(size);
			this.input = input;
			this.fast = !"exhaustive".equalsIgnoreCase(params.search);
			final int block = metric.block();
			this.headLength = !fast ? 0 : dim <= HEAD_BLOCKS * block ? dim : HEAD_BLOCKS * block;
			checkMemory(n, size, k, m, dim, headLength, workers.threads());
			this.mask = new CircularMask(size, params.effectiveMaskRadius(size));
			this.embedded = new float[n][dim];
			this.rotated = new float[m][dim];
			this.head = new float[headLength][m];
			this.imageTail = new double[fast ? n : 0];
			this.rotatedTail = new double[fast ? m : 0];
			checkFinite(input);
			workers.forRange(n, (from, to) -> {
				final float[] buffer = new float[size * size];
				for (int i = from; i < to; i++) {
					mask.apply(input.image(i), buffer);
					metric.embed(buffer, size, embedded[i]);
					if (fast) imageTail[i] = metric.tailNorm(embedded[i], headLength);
				}
			});
		}

		/** A new copy of masked image i. */
		private float[] masked(final int i) {
			final float[] out = new float[size * size];
			mask.apply(input.image(i), out);
			return out;
		}

		/**
		 * Refuses, before allocating, a run whose working set cannot fit in the
		 * heap (an IllegalArgumentException naming -Xmx rather than an
		 * OutOfMemoryError half-way through).
		 */
		private static void checkMemory(final int n, final int size, final int k, final int m,
			final int dim, final int headLength, final int threads)
		{
			final long pixels = (long) size * size;
			final long need = 4L * n * dim // embeddings
				+ 4L * m * dim + 4L * headLength * m // rotated centroid and its head
				+ 3 * 4L * k * pixels // centroids: accepted, next, averages
				+ 8L * threads * pixels * 2 // per-thread sums and buffers
				+ 40L * n // assignments
				+ (32L << 20); // slack
			final long input = 4L * n * pixels; // the input stack, already in memory
			final long max = Runtime.getRuntime().maxMemory();
			if (max != Long.MAX_VALUE && need + input > max) {
				throw new IllegalArgumentException(String.format(Locale.ROOT,
					"Not enough memory: %d images of %dx%d with %d classes and %d rotations need about %d MB of heap on top of the %d MB input, but the maximum heap is %d MB; raise it (e.g. java -Xmx%dm, or Edit > Options > Memory in Fiji)",
					n, size, size, k, m, need >> 20, input >> 20, max >> 20, (need + input + (need + input) / 4 >> 20) + 1));
			}
		}

		ClassificationResult run() {
			final long t0 = System.nanoTime();
			final Assignment current = new Assignment(n);
			final float[][] centroids = initialise(current);
			final double initSeconds = seconds(t0);

			final double[] loss = new double[params.maxIterations];
			final double[] secs = new double[params.maxIterations];
			double previousLoss = current.loss(metric);
			Assignment accepted = current;
			float[][] acceptedCentroids = centroids;
			int iterations = 0;
			for (int t = 0; t < params.maxIterations; t++) {
				final long ti = System.nanoTime();
				final float[][] next = means(accepted);
				reseedEmpty(accepted, next);
				final Assignment assignment = new Assignment(n);
				assign(next, assignment, "Iteration " + (t + 1) + "/" + params.maxIterations);
				loss[t] = assignment.loss(metric);
				secs[t] = seconds(ti);
				iterations = t + 1;
				if (!(loss[t] < previousLoss)) break;
				previousLoss = loss[t];
				accepted = assignment;
				acceptedCentroids = next;
			}
			return result(accepted, acceptedCentroids, Arrays.copyOf(loss, iterations), Arrays
				.copyOf(secs, iterations), initSeconds);
		}

		/** k-means++ with D² sampling; leaves the assignment to the chosen centroids in {@code a}. */
		private float[][] initialise(final Assignment a) {
			final SplittableRandom random = new SplittableRandom(params.seed);
			final float[][] centroids = new float[k][];
			final boolean[] chosen = new boolean[n];
			int pick = random.nextInt(n);
			for (int c = 0; c < k; c++) {
				if (c > 0) pick = draw(a, chosen, random);
				chosen[pick] = true;
				centroids[c] = masked(pick);
				progress.report("k-means++ initialisation", c, k);
				search(centroids[c], c, a);
			}
			progress.report("k-means++ initialisation", k, k);
			return centroids;
		}

		/** Draws an image with probability ∝ D², or uniformly among unchosen if all D are 0. */
		private int draw(final Assignment a, final boolean[] chosen, final SplittableRandom random) {
			final double[] weight = new double[n];
			double total = 0;
			for (int i = 0; i < n; i++) {
				final double d = metric.finish(a.cost[i]);
				weight[i] = chosen[i] ? 0 : d * d;
				total += weight[i];
			}
			if (total > 0 && Double.isFinite(total)) {
				final double u = random.nextDouble() * total;
				double cumulative = 0;
				int last = -1;
				for (int i = 0; i < n; i++) {
					if (weight[i] <= 0) continue;
					cumulative += weight[i];
					last = i;
					if (cumulative > u) return i;
				}
				return last;
			}
			int unchosen = 0;
			for (final boolean b : chosen)
				if (!b) unchosen++;
			int target = random.nextInt(unchosen);
			for (int i = 0; i < n; i++) {
				if (!chosen[i] && target-- == 0) return i;
			}
			throw new IllegalStateException("no image left to draw");
		}

		/** Assigns every image to its nearest (centroid, rotation). */
		private void assign(final float[][] centroids, final Assignment a, final String stage) {
			for (int c = 0; c < k; c++) {
				progress.report(stage + ": searching", c, k);
				search(centroids[c], c, a);
			}
			progress.report(stage + ": searching", k, k);
		}

		/**
		 * Compares every image with the m rotations of one centroid and keeps,
		 * per image, the candidate of least cost if it beats the current best.
		 */
		private void search(final float[] centroid, final int c, final Assignment a) {
			checkCancelled();
			workers.forRange(m, (from, to) -> {
				final float[] buffer = new float[size * size];
				for (int r = from; r < to; r++) {
					Rotation.rotate(centroid, size, Rotation.angle(r, m), buffer);
					metric.embed(buffer, size, rotated[r]);
					if (fast) rotatedTail[r] = metric.tailNorm(rotated[r], headLength);
				}
			});
			if (fast) searchFast(c, a);
			else searchExhaustive(c, a);
		}

		/** The reference search: every image against every rotation, in order. */
		private void searchExhaustive(final int c, final Assignment a) {
			workers.forRange(n, (from, to) -> {
				for (int i = from; i < to; i++) {
					final float[] e = embedded[i];
					double best = a.cost[i];
					for (int r = 0; r < m; r++) {
						final double cost = metric.partial(e, rotated[r], best);
						if (cost < best) {
							best = cost;
							a.cost[i] = cost;
							a.classOf[i] = c;
							a.rotationOf[i] = r;
						}
					}
				}
			});
		}

		/**
		 * The fast search; gives exactly the reference's result. Per image: (1)
		 * the first {@link #headLength} terms of all m candidates at once with
		 * the vectorised column kernel {@link Metric#accumulate}, in the same
		 * per-candidate order as {@link Metric#partial}, so the head sums are
		 * bit-identical prefix sums of the reference cost; (2) the candidate of
		 * least head sum is finished first, to get a tight bound at once; (3) the
		 * others, in rotation order, are rejected when their head sum alone
		 * reaches the bound (costs only grow), else finished with the resumed
		 * {@link Metric#partial}. Tie rule (lower class, then lower rotation)
		 * under the out-of-order scan: a candidate that precedes the incumbent
		 * in the reference order wins a tie, so it is tested against
		 * {@code nextUp(best)} (i.e. cost ≤ best), any other against best.
		 */
		private void searchFast(final int c, final Assignment a) {
			final int hl = headLength, block = metric.block();
			workers.forRange(hl, (from, to) -> {
				for (int i = from; i < to; i++)
					for (int r = 0; r < m; r++)
						head[i][r] = rotated[r][i];
			});
			workers.forRange(n, (from, to) -> {
				final float[] acc = new float[m];
				final double[] sum = new double[m];
				final double[] lower = new double[m];
				long pruned = 0;
				for (int i = from; i < to; i++) {
					final float[] e = embedded[i];
					Arrays.fill(sum, 0);
					for (int b = 0; b < hl; b += block) {
						Arrays.fill(acc, 0f);
						metric.accumulate(e, head, b, Math.min(hl, b + block), acc, m);
						for (int r = 0; r < m; r++)
							sum[r] += acc[r];
					}
					// Lower bounds of the whole cost: head sum plus a bound on the rest.
					final double et = imageTail[i];
					for (int r = 0; r < m; r++) {
						// 1e-12 covers the double roundings of the reference's block additions.
						final double t = metric.tailLowerBound(et, rotatedTail[r]);
						lower[r] = t > 0 ? Math.max(sum[r], (sum[r] + t) * (1 - 1e-12)) : sum[r];
					}
					int first = 0;
					for (int r = 1; r < m; r++)
						if (lower[r] < lower[first]) first = r;
					double best = a.cost[i];
					int bc = a.classOf[i], br = a.rotationOf[i];
					for (int q = -1; q < m; q++) {
						final int r = q < 0 ? first : q;
						if (q == first) continue;
						final boolean precedes = c < bc || c == bc && r < br;
						final double bound = precedes ? Math.nextUp(best) : best;
						if (lower[r] >= bound) {
							pruned++;
							continue;
						}
						final double cost = hl == dim ? sum[r] : metric.partial(e, rotated[r], hl, sum[r],
							bound);
						if (cost < bound) {
							best = cost;
							bc = c;
							br = r;
						}
					}
					if (bc != a.classOf[i] || br != a.rotationOf[i] || best != a.cost[i]) {
						a.cost[i] = best;
						a.classOf[i] = bc;
						a.rotationOf[i] = br;
					}
				}
				candidates.add((long) (to - from) * m);
				prunedCandidates.add(pruned);
			});
		}

		/** Means of back-rotated members; {@code null} for empty classes. */
		private float[][] means(final Assignment a) {
			final float[][] next = new float[k][];
			final int[][] members = a.members(k);
			workers.forRange(k, (from, to) -> {
				final float[] buffer = new float[size * size];
				final float[] image = new float[size * size];
				for (int c = from; c < to; c++) {
					if (members[c].length == 0) continue;
					final double[] sum = new double[size * size];
					for (final int i : members[c]) {
						mask.apply(input.image(i), image);
						Rotation.rotate(image, size, -Rotation.angle(a.rotationOf[i], m), buffer);
						for (int p = 0; p < sum.length; p++)
							sum[p] += buffer[p];
					}
					final float[] mean = new float[size * size];
					for (int p = 0; p < sum.length; p++)
						mean[p] = (float) (sum[p] / members[c].length);
					next[c] = mean;
				}
			});
			return next;
		}

		/** Fills null centroids with the images farthest from their own centroids. */
		private void reseedEmpty(final Assignment a, final float[][] centroids) {
			final boolean[] used = new boolean[n];
			for (int c = 0; c < k; c++) {
				if (centroids[c] != null) continue;
				int farthest = -1;
				for (int i = 0; i < n; i++) {
					if (!used[i] && (farthest < 0 || a.cost[i] > a.cost[farthest])) farthest = i;
				}
				used[farthest] = true;
				centroids[c] = masked(farthest);
			}
		}

		/** Sorts classes by occupancy and packages the result. */
		private ClassificationResult result(final Assignment a, final float[][] centroids,
			final double[] loss, final double[] secs, final double initSeconds)
		{
			final int[][] members = a.members(k);
			final float[][] averages = means(a);
			// Empty classes keep the centroid they were searched with.
			for (int c = 0; c < k; c++)
				if (members[c].length == 0) averages[c] = centroids[c];
			final Integer[] order = new Integer[k];
			for (int c = 0; c < k; c++)
				order[c] = c;
			Arrays.sort(order, (x, y) -> members[x].length != members[y].length ? Integer.compare(
				members[y].length, members[x].length) : Integer.compare(x, y));
			final int[] rank = new int[k];
			final float[][] sortedAverages = new float[k][];
			final int[] occupancy = new int[k];
			for (int r = 0; r < k; r++) {
				rank[order[r]] = r;
				sortedAverages[r] = averages[order[r]];
				occupancy[r] = members[order[r]].length;
			}
			final int[] classOf = new int[n];
			final double[] angle = new double[n];
			final double[] distance = new double[n];
			for (int i = 0; i < n; i++) {
				classOf[i] = rank[a.classOf[i]];
				angle[i] = 360.0 * a.rotationOf[i] / m;
				distance[i] = metric.finish(a.cost[i]);
			}
			final ClassificationResult result = new ClassificationResult(size, classOf, a.rotationOf
				.clone(), angle, distance, sortedAverages, occupancy, loss, secs, initSeconds, m);
			final long examined = candidates.sum();
			result.prunedPercent = examined == 0 ? 0 : 100.0 * prunedCandidates.sum() / examined;
			return result;
		}

		private void checkCancelled() {
			if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
				throw new CancellationException("Classification cancelled");
			}
		}

		private static void checkFinite(final ParticleStack input) {
			for (int i = 0; i < input.count(); i++) {
				final float[] p = input.image(i);
				for (final float v : p) {
					if (!Float.isFinite(v)) throw new IllegalArgumentException(String.format(
						Locale.ROOT, "Image %d contains NaN or infinite pixels", i + 1));
				}
			}
		}

		private static double seconds(final long since) {
			return (System.nanoTime() - since) / 1e9;
		}
	}

	/** Per image: the best class, rotation and cost found so far. */
	private static final class Assignment {

		final int[] classOf;
		final int[] rotationOf;
		final double[] cost;

		Assignment(final int n) {
			classOf = new int[n];
			rotationOf = new int[n];
			cost = new double[n];
			Arrays.fill(cost, Double.POSITIVE_INFINITY);
		}

		/** Σ d², summed in image order. */
		double loss(final Metric metric) {
			double s = 0;
			for (final double c : cost) {
				final double d = metric.finish(c);
				s += d * d;
			}
			return s;
		}

		/** Member indices of every class, in image order. */
		int[][] members(final int k) {
			final int[] count = new int[k];
			for (final int c : classOf)
				count[c]++;
			final int[][] members = new int[k][];
			for (int c = 0; c < k; c++)
				members[c] = new int[count[c]];
			Arrays.fill(count, 0);
			for (int i = 0; i < classOf.length; i++)
				members[classOf[i]][count[classOf[i]]++] = i;
			return members;
		}
	}
}

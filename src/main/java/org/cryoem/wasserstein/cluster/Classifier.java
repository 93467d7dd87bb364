package org.cryoem.wasserstein.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.LongAdder;

import org.cryoem.wasserstein.Progress;
import org.cryoem.wasserstein.distance.GridTurns;
import org.cryoem.wasserstein.distance.InnerProducts;
import org.cryoem.wasserstein.distance.L2Metric;
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
 *
 * <h2>Search strategies</h2> {@link ClassificationParameters#search}
 * "exhaustive" is the plain reference loop (every image against every rotated
 * centroid, with the bounded early-exit {@link Metric#partial}); "fast" (the
 * default) returns bit-identical classes, rotations, distances and averages:
 * for W1 with vectorised column kernels, rigorous lower bounds that drop
 * hopeless candidates early, and a bound seeded from the previous assignment
 * (see {@code searchFast} and {@code seed}); for L2 by screening every
 * candidate with inner products (a matrix product, through the grid's exact
 * quarter turns: {@link GridTurns}) and rigorous bounds on the reference
 * cost, and computing only those that may win with the reference
 * ({@code searchInner}). The candidate rotations are
 * {@link Rotation#rotate(float[], int, int, int, float[])}: rotation r + m/4
 * is rotation r turned by 90° exactly. The masked images are not kept (they
 * are re-masked from the input when averaging), and a run that cannot fit in
 * the heap is refused up front with a message naming -Xmx.
 *
 * <h2>Checkpoints</h2> With a {@link Checkpoint}, the run saves its
 * {@link LloydState} after k-means++ (iteration 0) and after every Lloyd
 * iteration, and resumes from a saved state instead of initialising. Since no
 * random number is drawn after k-means++, a resumed run ends with exactly the
 * result of an uninterrupted one.
 */
public final class Classifier {

	private Classifier() {}

	/**
	 * {@code columns[i][x] = rows[x][i]} for x &lt; count and i in [from, to),
	 * in strips of 16 elements, four column rows at a time (the fast searches'
	 * transpose, {@code Run.transpose}; package-private for tests).
	 */
	static void transposeStrips(final float[][] rows, final int count,
		final float[][] columns, final int from, final int to)
	{
		for (int s0 = from; s0 < to; s0 += 16) {
			final int s1 = Math.min(to, s0 + 16);
			int i = s0;
			for (; i + 4 <= s1; i += 4) {
				final float[] c0 = columns[i], c1 = columns[i + 1], c2 = columns[i + 2],
						c3 = columns[i + 3];
				for (int x = 0; x < count; x++) {
					final float[] row = rows[x];
					c0[x] = row[i];
					c1[x] = row[i + 1];
					c2[x] = row[i + 2];
					c3[x] = row[i + 3];
				}
			}
			for (; i < s1; i++) {
				final float[] c = columns[i];
				for (int x = 0; x < count; x++)
					c[x] = rows[x][i];
			}
		}
	}

	/**
	 * {@code panels[x / w][i·w + x % w] = rows[x][i]} for x &lt; count and i in
	 * [from, to): the L2 search's candidates in panels of w for
	 * {@link InnerProducts#dotsPanels} (package-private for tests). Each
	 * strip of 16 elements of a panel (16·w floats, 2 KB for w = 32) is
	 * filled row by row while it stays in L1; lanes x ≥ count are left alone.
	 */
	static void transposePanels(final float[][] rows, final int count, final float[][] panels,
		final int w, final int from, final int to)
	{
		for (int s0 = from; s0 < to; s0 += 16) {
			final int s1 = Math.min(to, s0 + 16);
			for (int p = 0; p * w < count; p++) {
				final float[] panel = panels[p];
				for (int x = p * w, end = Math.min(count, x + w); x < end; x++) {
					final float[] row = rows[x];
					for (int i = s0, o = s0 * w + x - p * w; i < s1; i++, o += w)
						panel[o] = row[i];
				}
			}
		}
	}

	/**
	 * Fast search: at most this many images per tile; the images of a tile
	 * share each block of the rotated centroid while it is in cache (large
	 * tiles save memory traffic: 128 runs the search ~1.4x faster than 8).
	 */
	static final int TILE = 128;
	/**
	 * L2 fast search: about this many images per tile at most (the tiles are
	 * made equal and a multiple of the workers' chunks in number: 24 of 420
	 * images for n = 10,000 on two threads). Each block of the candidates'
	 * segments (256 orbits of 400 lanes, 400 KB) is brought into cache once per
	 * tile, so larger tiles read the batch's 25 MB of candidates fewer times
	 * (at the paper's workload, in a microbenchmark of the matrix product on
	 * two threads: 85–115·10⁹ multiply-adds per second for 120 to 1,008
	 * images, with this virtual machine's spread between runs).
	 */
	static final int INNER_TILE = 504;
	/**
	 * Fast search: the rows of rotated-centroid columns are padded to a
	 * multiple of this many candidates (the widest vector, 16 floats).
	 */
	static final int LANES = 16;
	/**
	 * Fast search: outside the dense quads, runs of at least this many live
	 * groups of one image go to the wide kernel (one image, many vectors of
	 * consecutive candidates), shorter ones to the groups kernel: W1's few
	 * scattered survivors are gathered across the tile.
	 */
	static final int WIDE = 4;
	/**
	 * Fast search: a tile whose live (image, group) pairs fall below this
	 * fraction of all its pairs leaves its remaining blocks to
	 * {@code searchSparse}, which takes each block for the live pairs of many
	 * tiles at once. Searched tile by tile, so few pairs of a block share a
	 * group that its 16 KB of candidates, fetched from memory for every tile,
	 * serve only two or three images (in Lloyd iterations, which leave about
	 * 1.5 live groups of 13 per image after the first block, the groups
	 * kernel ran at about 2·10⁹ terms per second against 17·10⁹ for the dense
	 * four-image kernel).
	 */
	static final double SPARSE = 0.3;
	/**
	 * System property: a fraction to use instead of {@link #SPARSE} (0: never
	 * leave a tile to the sparse search; above 1: always, after the first
	 * block). The results do not change; for tests and measurements.
	 */
	static final String SPARSE_PROPERTY = "w2d.sparse";
	/** {@code searchSparse}: at most this many (image, group) pairs per call of the groups kernel. */
	static final int SPARSE_PAIRS = 2048;
	/**
	 * {@code searchSparse}: parts of the images per worker thread, each part
	 * searched block by block on its own (more parts balance the threads
	 * better, fewer share each group's candidates among more images).
	 */
	static final int SPARSE_PARTS = 2;

	/**
	 * Fast search without the Vector API: rotations per group. The scalar
	 * loops that the JIT vectorises are fast only on long rows (about 10·10⁹
	 * terms per second per core on 208 candidates, 3.4 on 16, 1.7 in the
	 * groups loop), so there the search keeps long runs: groups of 64, single
	 * dead groups bridged, no gathering.
	 */
	static final int SCALAR_GROUP = 64;

	/** m rounded up to a multiple of {@link #LANES}. */
	static int padded(final int m) {
		return (m + LANES - 1) / LANES * LANES;
	}

	/**
	 * The L2 fast search's lanes: about this many candidates (centroids times
	 * m/g rotations) are screened together in Lloyd iterations.
	 */
	static final int BATCH_LANES = 400;

	/**
	 * The L2 fast search: centroids screened together in a Lloyd iteration,
	 * so that the candidates fill whole vectors (8 for m = 200: 400 lanes) and
	 * every image is read once per batch; at most 2²⁵ floats of rotated
	 * embeddings (128 MB), but at least one centroid.
	 */
	static int batch(final int k, final int m, final int dim) {
		final int q = m / Rotation.symmetry(m);
		int b = Math.max(1, Math.min(k, (BATCH_LANES + q / 2) / q));
		while (b > 1 && (long) b * m * dim > 1L << 25)
			b--;
		return b;
	}

	/**
	 * Classifies a stack. The input is never modified.
	 *
	 * @throws IllegalArgumentException for invalid parameters or input
	 * @throws CancellationException if progress reports cancellation
	 */
	public static ClassificationResult classify(final ParticleStack input,
		final ClassificationParameters params, final Progress progress)
	{
		try {
			return classify(input, params, progress, null);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e); // cannot happen without a checkpoint
		}
	}

	/**
	 * Classifies a stack, saving the run's state to {@code checkpoint} after
	 * k-means++ and after every Lloyd iteration, and resuming from its saved
	 * state if it has one. A resumed run ends with exactly the result of an
	 * uninterrupted one (classes, rotations, distances, averages, losses).
	 *
	 * @param checkpoint where to save and resume from; null for none
	 * @throws IllegalArgumentException for invalid parameters or input, or a
	 *           saved state that does not fit them
	 * @throws CancellationException if progress reports cancellation
	 * @throws IOException if the checkpoint cannot be read or saved
	 */
	public static ClassificationResult classify(final ParticleStack input,
		final ClassificationParameters params, final Progress progress, final Checkpoint checkpoint)
		throws IOException
	{
		params.validate(input.count(), input.size());
		final Metric metric = Metrics.create(params.metric, params.wavelet, params.levels,
			params.mode);
		try (Workers workers = new Workers(params.effectiveThreads())) {
			final Run run = new Run(input, params, metric, workers, progress);
			run.checkpoint = checkpoint;
			return run.run();
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
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
		/**
		 * Embeddings of the m rotations of the centroid being searched (the
		 * exhaustive search; the fast search before it transposes them into
		 * {@link #columns}, and for L2 its exact costs).
		 */
		private final float[][] rotated;
		/** Whether the fast search is used (else the exhaustive reference). */
		private final boolean fast;
		/**
		 * Whether the fast search screens by inner products ({@link #searchInner}:
		 * the metric's cost is a squared Euclidean distance, L2).
		 */
		private final boolean inner;
		/**
		 * {@link #searchInner} only: the embedding elements from here on are
		 * zero in every image (the L2 embedding runs from the centre out, so
		 * everything outside the circular mask), and add nothing to an inner
		 * product.
		 */
		private final int support;
		/**
		 * {@link #searchInner} only: the grid's quarter (or half) turns, which
		 * give the inner products with all m rotations from m/g of them.
		 */
		private final GridTurns turns;
		/** {@link #searchInner} only: every image's segments ({@link GridTurns#image}). */
		private final float[][] turnedImages;
		/** {@link #searchInner} only: the norms of each image's segments. */
		private final double[][] turnedNorms;
		/** {@link #searchInner} only: centroids searched together (see {@link #batch}). */
		private final int batch;
		/**
		 * {@link #searchInner} only: the segments of the rotations r &lt; m/g of
		 * a batch of centroids, candidate x = b·m/g + r (row-major, then
		 * transposed into {@link #turnedPanels} or {@link #turnedColumns}), and
		 * their norms.
		 */
		private final float[][] turnedRows;
		private final double[][] turnedRowNorms;
		/**
		 * {@link #searchInner} without the Vector API kernel: {@link #turnedRows}
		 * element-major, rows padded to {@value #LANES}; with it, null.
		 */
		private final float[][] turnedColumns;
		/**
		 * {@link #searchInner} with the Vector API kernel: {@link #turnedRows} in
		 * panels of {@link InnerProducts#panelWidth} candidates
		 * ({@link InnerProducts#dotsPanels}); without it, null.
		 */
		private final float[][] turnedPanels;
		/**
		 * {@link #searchInner} only: the norm of the embedding of candidate x =
		 * b·m/g + r, which its turns share.
		 */
		private final double[] candidateNorm;
		/**
		 * {@link #searchInner} only: the largest of the batch's
		 * {@link #turnedRowNorms}, segment by segment, and of its
		 * {@link #candidateNorm}s, which bound every candidate's slack from
		 * above ({@link #screen}).
		 */
		private final double[] batchRowNorms;
		private double batchNorm;
		/** Number of blocks of {@link Metric#block()} elements in an embedding. */
		private final int blocks;
		/**
		 * Fast search only: the embeddings of the m rotated centroids,
		 * transposed (element-major): {@code columns[i][r]} is element i of
		 * rotation r, so one element of all m candidates is contiguous. Rows are
		 * padded with zeros to a multiple of {@value #LANES}, so that the
		 * kernel's last vector need not end in a scalar loop; what it computes
		 * for the padding is never read.
		 */
		private final float[][] columns;
		/** Fast search only: {@link Metric#suffixNorms} of every image's embedding. */
		private final double[][] imageRest;
		/** Fast search only: {@code rotatedRest[b][r]}: suffix norm from block b of rotation r. */
		private final double[][] rotatedRest;
		/**
		 * Fast search: rotations per group, the unit in which they are dropped:
		 * {@value #LANES} where the groups kernel is vectorised ({@link #gather}),
		 * else {@value #SCALAR_GROUP}.
		 */
		private final int group;
		/**
		 * Fast search: whether short runs of live groups are gathered over the
		 * tile for {@link Metric#accumulateGroups}; only where it is vectorised
		 * (the Vector API), as the scalar loops are fast only on long rows.
		 */
		private final boolean gather;
		/**
		 * Fast search with {@link #gather}: every image's partial sums over the
		 * m candidates of the centroid being searched ({@code sums[i][r]}), and
		 * {@code alive[i][g]}: some rotation of group g may still win for image
		 * i. A tile's images use their rows while the tile is searched; those
		 * still alive when it turns sparse ({@link #SPARSE}) keep them for the
		 * search by block over all of them ({@link #searchSparse}).
		 */
		private final double[][] sums;
		private final boolean[][] alive;
		/**
		 * Fast search with {@link #gather}: the block from which image i is
		 * left to {@link #searchSparse} for the centroid being searched (0: none).
		 */
		private final int[] sparseFrom;
		/** {@link #SPARSE}, or the fraction that {@link #SPARSE_PROPERTY} gives. */
		private final double sparseBelow;
		/** Fast search statistics: (image, centroid) searches, and those finished by {@link #searchSparse}. */
		private final LongAdder searches = new LongAdder(), sparseSearches = new LongAdder();
		/** Fast search statistics: candidate terms computed, and of all candidates. */
		private final LongAdder termsComputed = new LongAdder(), termsTotal = new LongAdder();
		/** Timing counters (nanoseconds): embedding rotated centroids, and comparing. */
		private long embedNanos, searchNanos;
		/** Where the state is saved after every iteration and resumed from; null for none. */
		private Checkpoint checkpoint;

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
			this.inner = fast && metric.squaredEuclidean();
			this.gather = Metrics.vectorised();
			this.group = gather ? LANES : SCALAR_GROUP;
			this.blocks = (dim + metric.block() - 1) / metric.block();
			// refused before allocating (an IllegalArgumentException naming -Xmx
			// rather than an OutOfMemoryError half-way through)
			MemoryEstimate.check(n, size, k, m, dim, fast ? blocks + 1 : 0, workers.threads(), inner);
			this.mask = new CircularMask(size, params.effectiveMaskRadius(size));
			this.embedded = new float[n][dim];
			this.batch = inner ? batch(k, m, dim) : 1;
			this.rotated = new float[batch * m][dim];
			this.columns = fast && !inner ? new float[dim][padded(m)] : null;
			this.imageRest = new double[fast ? n : 0][blocks + 1];
			this.rotatedRest = fast && !inner ? new double[blocks + 1][m] : null;
			final boolean sparse = fast && !inner && gather;
			this.sums = sparse ? new double[n][m] : null;
			this.alive = sparse ? new boolean[n][(m + group - 1) / group] : null;
			this.sparseFrom = sparse ? new int[n] : null;
			this.sparseBelow = sparseFraction();
			InputCheck.check(input);
			workers.forRange(n, (from, to) -> {
				final float[] buffer = new float[size * size];
				for (int i = from; i < to; i++) {
					mask.apply(input.image(i), buffer);
					metric.embed(buffer, size, embedded[i]);
					if (fast) metric.suffixNorms(embedded[i], imageRest[i]);
				}
			});
			int last = 0;
			for (int i = 0; inner && i < n; i++) {
				final float[] e = embedded[i];
				for (int j = dim - 1; j >= last; j--)
					if (e[j] != 0) {
						last = j + 1;
						break;
					}
			}
			this.support = last;
			if (inner) {
				turns = new GridTurns(size, m, ((L2Metric) metric).pixelOrder(size), support);
				final int segments = turns.segments(), length = segments * turns.length();
				final int lanes = batch * (m / turns.order());
				turnedImages = new float[n][length];
				turnedNorms = new double[n][segments];
				workers.forRange(n, (from, to) -> {
					for (int i = from; i < to; i++) {
						turns.image(embedded[i], turnedImages[i]);
						turns.norms(turnedImages[i], turnedNorms[i]);
					}
				});
				turnedRows = new float[lanes][length];
				turnedRowNorms = new double[lanes][segments];
				final int panelWidth = InnerProducts.panelWidth();
				if (panelWidth > 0) {
					turnedColumns = null;
					turnedPanels = new float[(padded(lanes) + panelWidth - 1) / panelWidth][length * panelWidth];
				}
				else {
					turnedColumns = new float[length][padded(lanes)];
					turnedPanels = null;
				}
				candidateNorm = new double[lanes];
				batchRowNorms = new double[segments];
			}
			else {
				turns = null;
				turnedImages = turnedRows = turnedColumns = turnedPanels = null;
				turnedNorms = turnedRowNorms = null;
				candidateNorm = null;
				batchRowNorms = null;
			}
		}

		/** A new copy of masked image i. */
		private float[] masked(final int i) {
			final float[] out = new float[size * size];
			mask.apply(input.image(i), out);
			return out;
		}

		ClassificationResult run() {
			final long t0 = System.nanoTime();
			// (counted in the initialisation's time, or for a resumed run in none)
			if (fast && !inner) metric.warmUp();
			final LloydState resumed = restore();
			Assignment accepted = new Assignment(n);
			float[][] acceptedCentroids;
			final double initSeconds;
			final double[] loss = new double[params.maxIterations];
			final double[] secs = new double[params.maxIterations];
			int iterations = 0;
			boolean converged = false;
			if (resumed == null) {
				acceptedCentroids = initialise(accepted);
				initSeconds = seconds(t0);
				save(0, false, accepted, acceptedCentroids, loss, secs, initSeconds);
			}
			else {
				System.arraycopy(resumed.classOf, 0, accepted.classOf, 0, n);
				System.arraycopy(resumed.rotationOf, 0, accepted.rotationOf, 0, n);
				System.arraycopy(resumed.cost, 0, accepted.cost, 0, n);
				acceptedCentroids = resumed.centroids;
				initSeconds = resumed.initSeconds;
				iterations = resumed.iteration;
				converged = resumed.converged;
				System.arraycopy(resumed.loss, 0, loss, 0, iterations);
				System.arraycopy(resumed.secondsPerIteration, 0, secs, 0, iterations);
			}

			double previousLoss = accepted.loss(metric);
			for (int t = iterations; t < params.maxIterations && !converged; t++) {
				final long ti = System.nanoTime();
				final float[][] next = means(accepted);
				reseedEmpty(accepted, next);
				final Assignment assignment = new Assignment(n);
				if (fast) seed(next, accepted, assignment);
				assign(next, assignment, "Iteration " + (t + 1) + "/" + params.maxIterations);
				loss[t] = assignment.loss(metric);
				secs[t] = seconds(ti);
				iterations = t + 1;
				converged = !(loss[t] < previousLoss);
				if (!converged) {
					previousLoss = loss[t];
					accepted = assignment;
					acceptedCentroids = next;
				}
				save(iterations, converged, accepted, acceptedCentroids, loss, secs, initSeconds);
			}
			return result(accepted, acceptedCentroids, Arrays.copyOf(loss, iterations), Arrays
				.copyOf(secs, iterations), initSeconds);
		}

		/** Checkpoint hook: the saved state to resume from (checked against this run), or null. */
		private LloydState restore() {
			if (checkpoint == null) return null;
			final LloydState s;
			try {
				s = checkpoint.restore();
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
			if (s == null) return null;
			boolean ok = s.classOf.length == n && s.centroids.length == k && s.iteration <= params.maxIterations;
			for (int i = 0; ok && i < n; i++)
				ok = s.classOf[i] >= 0 && s.classOf[i] < k && s.rotationOf[i] >= 0 && s.rotationOf[i] < m;
			for (int c = 0; ok && c < k; c++)
				ok = s.centroids[c] != null && s.centroids[c].length == size * size;
			if (!ok) throw new IllegalArgumentException(
				"The checkpoint does not fit this run (different input or parameters)");
			return s;
		}

		/** Checkpoint hook: saves the state after {@code iteration} Lloyd iterations. */
		private void save(final int iteration, final boolean converged, final Assignment a,
			final float[][] centroids, final double[] loss, final double[] secs,
			final double initSeconds)
		{
			if (checkpoint == null) return;
			try {
				checkpoint.save(new LloydState(iteration, converged, a.classOf, a.rotationOf, a.cost,
					centroids, Arrays.copyOf(loss, iteration), Arrays.copyOf(secs, iteration),
					initSeconds));
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
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
				search(centroids, c, 1, a);
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
			for (int c = 0; c < k; c += batch) {
				progress.report(stage + ": searching", c, k);
				search(centroids, c, Math.min(batch, k - c), a);
			}
			progress.report(stage + ": searching", k, k);
		}

		/**
		 * Compares every image with the m rotations of centroids c0 … c0 +
		 * count − 1 and keeps, per image, the candidate of least cost if it beats
		 * the current best (count &gt; 1 only for {@link #searchInner}, which
		 * screens them together).
		 */
		private void search(final float[][] centroids, final int c0, final int count,
			final Assignment a)
		{
			checkCancelled();
			if (inner) {
				final long t0 = System.nanoTime();
				embedTurns(centroids, c0, count);
				final long t1 = System.nanoTime();
				searchInner(c0, count, a);
				embedNanos += t1 - t0;
				searchNanos += System.nanoTime() - t1;
				return;
			}
			for (int c = c0; c < c0 + count; c++) {
				final float[] centroid = centroids[c];
				final long t0 = System.nanoTime();
				if (fast) embedColumns(centroid);
				else workers.forRange(m, (from, to) -> {
					final float[] buffer = new float[size * size];
					for (int r = from; r < to; r++) {
						Rotation.rotate(centroid, size, r, m, buffer);
						metric.embed(buffer, size, rotated[r]);
					}
				});
				final long t1 = System.nanoTime();
				if (fast) searchFast(c, a);
				else searchExhaustive(c, a);
				embedNanos += t1 - t0;
				searchNanos += System.nanoTime() - t1;
			}
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
		 * Fast search: rotates and embeds a centroid into {@link #rotated} and
		 * {@link #rotatedRest}, then transposes the embeddings into
		 * {@link #columns}, a tile of elements per task (so that the column
		 * rows being filled stay in cache). With g = {@link Rotation#symmetry}(m)
		 * and q = m/g, each task computes one bilinear rotation r₀ &lt; q and
		 * turns it for the rotations r₀ + q, …, r₀ + (g−1)·q: the images
		 * {@link Rotation#rotate(float[], int, int, int, float[])} gives, bit for
		 * bit, for a quarter of the interpolation.
		 */
		private void embedColumns(final float[] centroid) {
			final int g = Rotation.symmetry(m), q = m / g;
			workers.forRange(q, (from, to) -> {
				final float[] buffer = new float[size * size];
				final double[] norms = new double[blocks + 1];
				for (int r0 = from; r0 < to; r0++) {
					Rotation.rotate(centroid, size, r0, m, buffer);
					for (int s = 0; s < g; s++) {
						if (s > 0) Rotation.turn(buffer, size, 4 / g);
						final int r = r0 + s * q;
						metric.embed(buffer, size, rotated[r]);
						metric.suffixNorms(rotated[r], norms);
						for (int b = 0; b <= blocks; b++)
							rotatedRest[b][r] = norms[b];
					}
				}
			});
			transpose(rotated, m, columns);
		}

		/**
		 * {@code columns[i][x] = rows[x][i]} for x &lt; count and every i &lt;
		 * {@code columns.length}, tiles of 64 elements shared among the threads,
		 * each taken by {@link Classifier#transposeStrips} in strips of 16 (one
		 * cache line of every row, 12.5 or 25 KB for 200 or 400 rows, which stay
		 * in L1 while the strip is read), four column rows filled at a time from
		 * start to end. (Stop 24, one core: 3.7–4.6 ms against 5.8–7.9 ms for
		 * the order before, for 200 rows of 21,291 floats; see the README.)
		 */
		private void transpose(final float[][] rows, final int count, final float[][] columns) {
			final int length = columns.length, tile = 64;
			workers.forRange((length + tile - 1) / tile, (from, to) -> transposeStrips(rows, count,
				columns, from * tile, Math.min(length, to * tile)));
		}

		/**
		 * {@link #transpose} into panels ({@link Classifier#transposePanels}),
		 * for the L2 search with the Vector API kernel.
		 */
		private void transposeToPanels(final float[][] rows, final int count, final float[][] panels) {
			final int length = rows[0].length, w = InnerProducts.panelWidth(), tile = 64;
			workers.forRange((length + tile - 1) / tile, (from, to) -> transposePanels(rows, count,
				panels, w, from * tile, Math.min(length, to * tile)));
		}

		/**
		 * {@link #searchInner}: rotates and embeds centroids c0 … c0 + count − 1
		 * into {@link #rotated} (centroid b's rotation r at b·m + r), the
		 * rotations r &lt; m/g with {@link Rotation#rotate(float[], int, int, int, float[])}
		 * and the others by turning those ({@link GridTurns#turn}: the same
		 * embeddings, bit for bit), with their norms; computes the segments of
		 * the rotations r &lt; m/g ({@link GridTurns#candidate}); then transposes
		 * them into {@link #turnedPanels} (with the Vector API kernel) or
		 * {@link #turnedColumns}, a tile of elements per task.
		 */
		private void embedTurns(final float[][] centroids, final int c0, final int count) {
			final int g = turns.order(), q = m / g, lanes = count * q;
			workers.forRange(lanes, (from, to) -> {
				final float[] buffer = new float[size * size];
				for (int x = from; x < to; x++) {
					final int base = x / q * m + x % q;
					Rotation.rotate(centroids[c0 + x / q], size, x % q, m, buffer);
					metric.embed(buffer, size, rotated[base]);
					for (int s = 1; s < g; s++)
						turns.turn(rotated[base], s, rotated[base + s * q]);
					double sum = 0;
					for (final float v : rotated[base])
						sum += (double) v * v;
					candidateNorm[x] = Math.sqrt(sum);
					turns.candidate(rotated[base], turnedRows[x]);
					turns.norms(turnedRows[x], turnedRowNorms[x]);
				}
			});
			Arrays.fill(batchRowNorms, 0d);
			batchNorm = 0;
			for (int x = 0; x < lanes; x++) {
				for (int j = 0; j < batchRowNorms.length; j++)
					batchRowNorms[j] = Math.max(batchRowNorms[j], turnedRowNorms[x][j]);
				batchNorm = Math.max(batchNorm, candidateNorm[x]);
			}
			if (turnedPanels == null) transpose(turnedRows, lanes, turnedColumns);
			else transposeToPanels(turnedRows, lanes, turnedPanels);
		}

		/**
		 * The L2 fast search: inner products screen the candidates, the
		 * reference computes the few that may win; gives exactly the
		 * reference's result (same costs, bit for bit, same arg-min and
		 * tie-breaking).
		 * <p>
		 * The inner products of an image with the m rotations of a centroid come
		 * from the rotations r &lt; m/g through the grid's turns
		 * ({@link GridTurns}: five multiply-adds per orbit of four pixels give
		 * four rotations, for g = 4; the candidate rotations are computed so
		 * that rotation r + m/g is rotation r turned exactly). For a tile of images they are a matrix
		 * product of the images' segments with the candidates' (the rotations r
		 * &lt; m/g of {@link #batch} centroids side by side: 400 lanes for m =
		 * 200), segment by segment ({@link InnerProducts#dotsPanels}, or
		 * {@link InnerProducts#dots} without the Vector API kernel:
		 * {@value InnerProducts#ROWS} images against up to 32 candidates at a
		 * time, in blocks of {@value InnerProducts#BLOCK} orbits, all the tile's
		 * groups of {@value InnerProducts#ROWS} against one slice of 32
		 * candidates before the next). Each gives
		 * rigorous bounds on the reference cost ({@link InnerProducts#lower},
		 * {@link InnerProducts#upper}, with {@link GridTurns#error}, one slack for
		 * the whole batch: {@link #screen}); the upper bound of the candidate of
		 * least estimate, or the image's incumbent if lower, bounds the winner's
		 * cost, and only the candidates whose lower bound does not exceed it are
		 * computed with
		 * {@link Metric#partial} and go through the reference's arg-min and tie
		 * rule (as in {@link #finish}).
		 * </p>
		 * <p>
		 * Pruning on partial sums ({@link #searchFast}) does little for L2 on
		 * noisy images: a candidate's partial sum passes the incumbent only near
		 * its end. The matrix product computes every term, but with one
		 * multiply-add per term where the difference form needs a subtraction,
		 * a multiplication and an addition, with each loaded candidate vector
		 * serving {@value InnerProducts#ROWS} images, and (g = 4) 5/16 of the
		 * terms of the direct inner products.
		 * </p>
		 */
		private void searchInner(final int c0, final int count, final Assignment a) {
			// about equal tiles of whole rows of images, a multiple of the workers'
			// chunks in number, so that the threads finish together
			final int rows = InnerProducts.ROWS, chunks = 4 * workers.threads();
			final int wanted = chunks * (int) Math.ceil((double) n / chunks / INNER_TILE);
			final int tile = ((n + wanted - 1) / wanted + rows - 1) / rows * rows;
			final int tiles = (n + tile - 1) / tile;
			final int q = m / turns.order(), lanes = count * q, width = padded(lanes);
			final int length = turns.length(), segments = turns.segments();
			final int block = InnerProducts.BLOCK;
			workers.forRange(tiles, (tileFrom, tileTo) -> {
				// per row of images: float sums of up to FLUSH blocks, then added into sums
				final float[][] outs = new float[tile / rows][rows * width];
				final float[][][] groups = new float[tile / rows][rows][];
				final double[][] sums = new double[tile][segments * width];
				final double[] estimate = new double[count * m];
				final double[] c = new double[turns.order()];
				long computed = 0;
				for (int tt = tileFrom; tt < tileTo; tt++) {
					final int i0 = tt * tile, images = Math.min(n, i0 + tile) - i0;
					for (int t = 0; t < images; t++)
						Arrays.fill(sums[t], 0d);
					// a short last row of images repeats its last image
					final int filled = (images + rows - 1) / rows;
					for (int t = 0; t < images; t += rows)
						for (int r = 0; r < rows; r++)
							groups[t / rows][r] = turnedImages[i0 + Math.min(t + r, images - 1)];
					for (int j = 0; j < segments; j++) {
						int pending = 0;
						for (int from = j * length, end = from + length; from < end; from += block) {
							final int to = Math.min(end, from + block);
							if (turnedPanels == null) InnerProducts.dots(groups, filled, turnedColumns, from, to,
								outs, width, 0, width);
							else InnerProducts.dotsPanels(groups, filled, turnedPanels, from, to, outs, width, 0,
								width);
							if (++pending < InnerProducts.FLUSH && to < end) continue;
							pending = 0;
							for (int t = 0; t < images; t += rows) {
								final float[] out = outs[t / rows];
								for (int r = 0; r < rows && t + r < images; r++) {
									final double[] d = sums[t + r];
									for (int x = 0, o = r * width, p = j * width; x < lanes; x++)
										d[p + x] += out[o + x];
								}
								Arrays.fill(out, 0f);
							}
						}
					}
					computed += (long) images * segments * length * lanes;
					for (int t = 0; t < images; t++)
						computed += screen(i0 + t, c0, count, sums[t], width, estimate, c, a);
				}
				termsComputed.add(computed);
				termsTotal.add((long) (Math.min(n, tileTo * tile) - tileFrom * tile) * count * m * dim);
			});
		}

		/**
		 * {@link #searchInner} for image i and centroids c0 … c0 + count − 1,
		 * given the inner products of its segments with the candidates'
		 * ({@code sums[j·width + x]}): the candidates that may win are computed
		 * with the reference and go through its arg-min and tie rule.
		 * <p>
		 * One slack serves all the batch's candidates: that of the largest
		 * segment norms and norm of any of them ({@link #batchRowNorms},
		 * {@link #batchNorm}), which is at least each candidate's own, as
		 * {@link GridTurns#error} and {@link InnerProducts#slack} grow with the
		 * norms (their float roundings too); so its lower bounds are rigorous
		 * and no higher than with each candidate's own slack. The winner costs at
		 * most the incumbent and at most the upper bound of the candidate of
		 * least estimate (with its own slack). The candidates computed are those
		 * of lower bound up to that: all that may cost as little as the winner,
		 * so the result is the reference's, bit for bit. (A slack and an upper
		 * bound per candidate, which this replaces, took about a third of the
		 * screen's time; the looser bounds, still about 10⁻⁵ of a cost wide,
		 * leave about as few candidates to compute: at the paper's workload the
		 * terms computed are the same to 5·10⁻⁶ of all.)
		 * </p>
		 *
		 * @param estimate scratch of count·m: the candidates' estimated costs
		 * @param c scratch of g
		 * @return the terms computed by the reference
		 */
		private long screen(final int i, final int c0, final int count, final double[] sums,
			final int width, final double[] estimate, final double[] c, final Assignment a)
		{
			final int g = turns.order(), q = m / g, centre = turns.centre();
			final double na = imageRest[i][0];
			final double[] ni = turnedNorms[i];
			final float[] e = embedded[i];
			final double slack = InnerProducts.slack(na, batchNorm, turns.error(ni, batchRowNorms, na,
				batchNorm));
			double least = Double.POSITIVE_INFINITY;
			int leastLane = -1;
			for (int b = 0, x = 0; b < count; b++)
				for (int base = b * m; base < b * m + q; base++, x++) {
					final double nb = candidateNorm[x];
					final double pc = centre < 0 ? 0 : (double) e[centre] * rotated[base][centre];
					turns.combine(sums, x, width, pc, c);
					final double norms = na * na + nb * nb;
					for (int s = 0; s < g; s++) {
						final double est = norms - 2 * c[s];
						estimate[base + s * q] = est;
						if (est < least) { // (NaN: never the least; computed below)
							least = est;
							leastLane = x;
						}
					}
				}
			double bound = a.cost[i];
			if (leastLane >= 0) {
				final double nb = candidateNorm[leastLane];
				final double hi = InnerProducts.upper(least, InnerProducts.slack(na, nb, turns.error(ni,
					turnedRowNorms[leastLane], na, nb)));
				if (hi < bound) bound = hi;
			}
			double best = a.cost[i];
			int bc = a.classOf[i], br = a.rotationOf[i];
			long computed = 0;
			// candidates in the reference's order: y = b·m + r, r = s·q + r0
			for (int b = 0, y = 0; b < count; b++)
				for (int r = 0; r < m; r += q)
					for (int r0 = 0; r0 < q; r0++, y++) {
						if (InnerProducts.lower(estimate[y], slack) > bound) continue; // (NaN: computed)
						final double cost = metric.partial(e, rotated[y], Math.nextUp(best));
						computed += dim;
						final int cy = c0 + b, ry = r + r0;
						final boolean precedes = cy < bc || cy == bc && ry < br;
						if (precedes ? cost <= best : cost < best) {
							best = cost;
							bc = cy;
							br = ry;
						}
					}
			a.cost[i] = best;
			a.classOf[i] = bc;
			a.rotationOf[i] = br;
			return computed;
		}

		/**
		 * The fast search; gives exactly the reference's result (same costs,
		 * bit for bit, same arg-min and tie-breaking).
		 * <p>
		 * Images are taken in tiles of up to {@value #TILE} (so that a block of
		 * {@link #columns} is reused from cache). The rotations are split into
		 * groups of {@link #group} rotations ({@value #LANES}, one vector of
		 * candidates, with the Vector API kernels; {@value #SCALAR_GROUP}
		 * without, whose loops want long rows). The first block
		 * runs every image against all m candidates, four images at a time
		 * ({@link Metric#accumulate4}: each candidate vector loaded serves four
		 * images); every later block runs only the live groups: a quad of images
		 * whose live groups fill at least half of their span ({@link #dense})
		 * again four at a time over that span; otherwise, runs of at least
		 * {@value #WIDE} consecutive live groups of an image with the one-image
		 * kernel {@link Metric#accumulate}, the others as (image, group) pairs
		 * gathered over the whole tile and sorted by group, so that
		 * {@link Metric#accumulateGroups} loads each group's candidates once for
		 * up to eight images (without the Vector API every run goes to the
		 * one-image kernel, bridging single dead groups). With the Vector API, a
		 * tile whose live (image, group) pairs fall below {@link #SPARSE} of its
		 * pairs leaves the blocks that remain to {@link #searchSparse}, which
		 * takes each block for the live pairs of many tiles at once (in Lloyd
		 * iterations that is right after the first block; in k-means++ a few
		 * blocks later). All add each
		 * candidate's terms in the same order as {@link Metric#partial}, so after
		 * the last block the sums are bit-identical to the reference costs (the
		 * sums that the four-image kernel computes for dead groups are never
		 * read). After each block a
		 * group is dropped as soon as none of its rotations can reach the
		 * image's incumbent: the sum so far plus a rigorous lower bound of the
		 * rest ({@link Metric#tailLowerBound}, from suffix norms) is above
		 * nextUp(best). Images with a live group after the last block take the
		 * reference's arg-min with its tie rule: a candidate preceding the
		 * incumbent (lower class, or same class and lower rotation; the
		 * incumbent may come from {@link #seed}, or, for an image that had none,
		 * be this class's rotation of least first-block sum, {@link #incumbent})
		 * wins ties, any other must be strictly better.
		 * </p>
		 * <p>
		 * Groups of 16 rather than 64 (the previous design, which ran one image's
		 * groups at a time with the wide kernel) halve the terms computed after
		 * the first block at the paper's workload: usually only the groups next
		 * to the winning rotation survive it. In k-means++, whose centroids are
		 * single noisy images, most groups stay alive through the first blocks
		 * (at the paper's workload 95 % after the first, 44 % after the fourth,
		 * 15 % after the tenth, of 84), where the four-image kernel does most of
		 * the work.
		 * </p>
		 */
		private void searchFast(final int c, final Assignment a) {
			final int block = metric.block();
			// tiles as large as possible while leaving work for every thread
			final int tile = Math.max(8, Math.min(TILE, n / (4 * workers.threads())));
			final int tiles = (n + tile - 1) / tile;
			final int width = padded(m), groups = (m + group - 1) / group;
			final int first = Math.min(dim, block);
			workers.forRange(tiles, (tileFrom, tileTo) -> {
				final float[] acc = new float[width];
				// four images at a time where most of their candidates are alive
				final float[][] quad = new float[4][], quadAcc = new float[4][width];
				final int[] span = new int[2];
				// tile slot t's partial sums, and alive[t][g]: some rotation of group g may still
				// win for image t (with the groups kernel, the rows of the image's own in
				// this.sums and this.alive, which the sparse search goes on with)
				final double[][] sums = new double[tile][];
				final boolean[][] alive = new boolean[tile][];
				if (!gather) for (int t = 0; t < tile; t++) {
					sums[t] = new double[m];
					alive[t] = new boolean[groups];
				}
				final int[] liveGroups = new int[tile];
				// the first live group of image t, and one past its last
				final int[] firstLive = new int[tile], endLive = new int[tile];
				// the live (image, group) pairs of a block, and their block sums
				final float[][] pairImage = new float[tile * groups][];
				final int[] pairR0 = new int[tile * groups], pairTile = new int[tile * groups];
				final float[] pairAcc = new float[tile * groups * LANES];
				// scratch of the sort by group
				final int[] groupCount = new int[groups + 1];
				final float[][] sortedImage = new float[tile * groups][];
				final int[] sortedR0 = new int[tile * groups], sortedTile = new int[tile * groups];
				long computed = 0, sparse = 0;
				for (int tt = tileFrom; tt < tileTo; tt++) {
					final int i0 = tt * tile, count = Math.min(n, i0 + tile) - i0;
					if (gather) for (int t = 0; t < count; t++) {
						sums[t] = this.sums[i0 + t];
						alive[t] = this.alive[i0 + t];
						sparseFrom[i0 + t] = 0;
					}
					// block 0: every candidate, four images at a time
					for (int t0 = 0; t0 < count; t0 += 4) {
						quadSums(i0, t0, count, 0, first, 0, width, quad, quadAcc);
						for (int t = t0; t < Math.min(count, t0 + 4); t++) {
							final int i = i0 + t;
							final double[] sum = sums[t];
							final float[] q = quadAcc[t - t0];
							for (int r = 0; r < m; r++)
								sum[r] = 0d + q[r]; // as the reference adds its first block
							computed += (long) first * m;
							if (a.cost[i] == Double.POSITIVE_INFINITY) computed += incumbent(i, c, sum, a);
							Arrays.fill(alive[t], true);
							liveGroups[t] = groups;
							firstLive[t] = 0;
							endLive[t] = groups;
							if (blocks == 1) finish(i, c, sum, alive[t], a);
							else prune(t, i, 1, sums, alive, liveGroups, firstLive, endLive, Math.nextUp(a.cost[i]));
						}
					}
					// the other blocks: only the live groups, gathered over the whole tile
					for (int b = 1; b < blocks; b++) {
						if (gather) {
							long live = 0;
							for (int t = 0; t < count; t++)
								live += liveGroups[t];
							if (live < sparseBelow * count * groups) {
								// the rest by block over many tiles
								for (int t = 0; t < count; t++)
									if (liveGroups[t] > 0) {
										sparseFrom[i0 + t] = b;
										sparse++;
									}
								break;
							}
						}
						final int from = b * block, to = Math.min(dim, from + block);
						int pairs = 0;
						boolean any = false;
						for (int t = 0; t < count; t++) {
							// (not without the Vector API: its one-image loops bridge dead groups already)
							if (gather && t % 4 == 0 && dense(t, count, liveGroups, firstLive, endLive, span)) {
								// most candidates of these four images alive: all at once
								any = true;
								final int lo = span[0], hi = span[1];
								final int r0 = lo * group, r1 = Math.min(m, hi * group);
								quadSums(i0, t, count, from, to, r0, r1 == m ? width : r1, quad, quadAcc);
								for (int u = t; u < Math.min(count, t + 4); u++) {
									if (liveGroups[u] == 0) continue;
									final double[] sum = sums[u];
									final float[] q = quadAcc[u - t];
									for (int r = r0; r < r1; r++)
										sum[r] += q[r]; // (the sums of dead rotations are never used)
									// counted: the live groups' terms, as the other kernels count (so the
									// count does not depend on how the tiles, and so the quads, fall)
									for (int g = lo; g < hi; g++)
										if (alive[u][g]) computed += (long) (to - from) * (Math.min(m, (g + 1) * group) - g *
											group);
								}
								t += 3;
								continue;
							}
							if (liveGroups[t] == 0) continue;
							any = true;
							final boolean[] on = alive[t];
							for (int g = firstLive[t]; g < endLive[t];) {
								if (!on[g]) {
									g++;
									continue;
								}
								int h = g + 1;
								// without the groups kernel, runs bridge single dead groups (long
								// loops vectorise far better; the sums of dead rotations are never used)
								while (h < groups && (on[h] || !gather && h + 1 < groups && on[h + 1]))
									h++;
								if (!gather || h - g >= WIDE) {
									// a long run of live groups: this image alone, with the wide kernel
									final int r0 = g * group, r1 = Math.min(m, h * group);
									final int end = r1 == m ? width : r1; // a run that ends at m runs into the padding
									Arrays.fill(acc, r0, end, 0f);
									metric.accumulate(embedded[i0 + t], columns, from, to, acc, r0, end);
									final double[] sum = sums[t];
									for (int r = r0; r < r1; r++)
										sum[r] += acc[r];
									computed += (long) (to - from) * (r1 - r0);
								}
								else {
									for (int q = g; q < h; q++) {
										pairImage[pairs] = embedded[i0 + t];
										pairR0[pairs] = q * group;
										pairTile[pairs++] = t;
									}
								}
								g = h;
							}
						}
						if (!any) break;
						if (pairs > 0) {
							// by group, so that the kernel loads each group's candidates once for many images
							sortByGroup(pairs, groups, pairImage, pairR0, pairTile, groupCount, sortedImage, sortedR0,
								sortedTile);
							Arrays.fill(pairAcc, 0, pairs * LANES, 0f);
							metric.accumulateGroups(pairImage, pairR0, pairs, LANES, columns, from, to, pairAcc);
						}
						computed += addPairSums(pairs, pairR0, pairTile, pairAcc, sums, to - from);
						final boolean last = b + 1 == blocks;
						for (int t = 0; t < count; t++) {
							if (liveGroups[t] == 0) continue;
							final int i = i0 + t;
							if (last) finish(i, c, sums[t], alive[t], a);
							else prune(t, i, b + 1, sums, alive, liveGroups, firstLive, endLive, Math.nextUp(a.cost[i]));
						}
					}
				}
				termsComputed.add(computed);
				termsTotal.add((long) (Math.min(n, tileTo * tile) - tileFrom * tile) * m * dim);
				sparseSearches.add(sparse);
			});
			searches.add(n);
			if (gather) searchSparse(c, a);
		}

		/**
		 * For an image without a candidate yet (k-means++'s first centroid, c):
		 * takes as its incumbent the rotation with the least first-block sum
		 * (the lowest such), with its exact cost, so that the other rotations
		 * have a bound to pass. The reference takes rotation 0 first, a random
		 * one and so a weaker bound (at the paper's workload, once compiled,
		 * the first centroid took 0.87 s with it and takes 0.74 s with this
		 * one, against about 0.15 s for a late centroid); any real candidate
		 * gives the same arg-min, since the search's tie rule lets a lower
		 * rotation of the same class win a tie with it.
		 *
		 * @param sum the first block's sums of the m rotations of class c
		 * @return the terms computed
		 */
		private long incumbent(final int i, final int c, final double[] sum, final Assignment a) {
			int best = 0;
			for (int r = 1; r < m; r++)
				if (sum[r] < sum[best]) best = r;
			a.cost[i] = metric.partial(embedded[i], rotated[best], Double.POSITIVE_INFINITY);
			a.classOf[i] = c;
			a.rotationOf[i] = best;
			return dim;
		}

		/** {@link #SPARSE}, or what {@link #SPARSE_PROPERTY} says if it is a number. */
		private static double sparseFraction() {
			final String p = System.getProperty(SPARSE_PROPERTY);
			if (p != null) try {
				final double f = Double.parseDouble(p.trim());
				if (f >= 0) return f;
			}
			catch (final NumberFormatException e) {
				// ignored: the default
			}
			return SPARSE;
		}

		/**
		 * The rest of {@link #searchFast} for the images its tiles left sparse
		 * ({@link #sparseFrom}): block by block over a part of the images per
		 * thread, the live (image, group) pairs of a block gathered and sorted
		 * by group, so that each group's candidates are fetched once for many
		 * images ({@link Metric#accumulateGroups}); then pruned ({@link #prune}),
		 * and finished after the last block, as in {@link #searchFast}. The same sums,
		 * bit for bit, as the tile's search would have given: each candidate's
		 * terms are added in the same order.
		 */
		private void searchSparse(final int c, final Assignment a) {
			final int block = metric.block(), groups = (m + group - 1) / group;
			final int parts = SPARSE_PARTS * workers.threads();
			workers.forRange(parts, (partFrom, partTo) -> {
				final int lo = (int) ((long) n * partFrom / parts), hi = (int) ((long) n * partTo / parts);
				// the part's images by the block they start from, then those still alive
				final int[] start = new int[blocks + 1];
				for (int i = lo; i < hi; i++)
					if (sparseFrom[i] > 0) start[sparseFrom[i]]++;
				int waiting = 0;
				for (int b = 0; b <= blocks; b++) {
					final int count = start[b];
					start[b] = waiting;
					waiting += count;
				}
				if (waiting == 0) return;
				final int[] byStart = new int[waiting];
				for (int i = lo; i < hi; i++)
					if (sparseFrom[i] > 0) byStart[start[sparseFrom[i]]++] = i;
				// the images being searched: index, partial sums, flags and span of live groups (as a
				// tile's slots, for prune)
				final int[] active = new int[waiting], liveGroups = new int[waiting];
				final int[] firstLive = new int[waiting], endLive = new int[waiting];
				final double[][] activeSums = new double[waiting][];
				final boolean[][] activeAlive = new boolean[waiting][];
				int actives = 0, next = 0;
				final float[][] pairImage = new float[SPARSE_PAIRS][];
				// (each pair's image index, by which sortByGroup keeps it with its pair)
				final int[] pairR0 = new int[SPARSE_PAIRS], pairIndex = new int[SPARSE_PAIRS];
				final float[] pairAcc = new float[SPARSE_PAIRS * LANES];
				final int[] groupCount = new int[groups + 1];
				final float[][] sortedImage = new float[SPARSE_PAIRS][];
				final int[] sortedR0 = new int[SPARSE_PAIRS], sortedIndex = new int[SPARSE_PAIRS];
				long computed = 0;
				for (int b = 1; b < blocks; b++) {
					// the images that join at this block
					for (; next < waiting && sparseFrom[byStart[next]] == b; next++) {
						final int i = byStart[next];
						final boolean[] on = alive[i];
						int live = 0, first = groups, end = 0;
						for (int g = 0; g < groups; g++)
							if (on[g]) {
								live++;
								first = Math.min(first, g);
								end = g + 1;
							}
						active[actives] = i;
						activeSums[actives] = sums[i];
						activeAlive[actives] = on;
						liveGroups[actives] = live;
						firstLive[actives] = first;
						endLive[actives++] = end;
					}
					if (actives == 0) continue;
					final int from = b * block, to = Math.min(dim, from + block);
					// the live pairs, in batches of at most SPARSE_PAIRS
					for (int u0 = 0; u0 < actives;) {
						int pairs = 0, u1 = u0;
						for (; u1 < actives && pairs + liveGroups[u1] <= SPARSE_PAIRS; u1++) {
							final boolean[] on = activeAlive[u1];
							for (int g = firstLive[u1]; g < endLive[u1]; g++)
								if (on[g]) {
									pairImage[pairs] = embedded[active[u1]];
									pairR0[pairs] = g * group;
									pairIndex[pairs++] = active[u1];
								}
						}
						sortByGroup(pairs, groups, pairImage, pairR0, pairIndex, groupCount, sortedImage, sortedR0,
							sortedIndex);
						Arrays.fill(pairAcc, 0, pairs * LANES, 0f);
						metric.accumulateGroups(pairImage, pairR0, pairs, LANES, columns, from, to, pairAcc);
						computed += addPairSums(pairs, pairR0, pairIndex, pairAcc, sums, to - from);
						u0 = u1;
					}
					// prune, or finish after the last block; keep those still alive
					final boolean last = b + 1 == blocks;
					int kept = 0;
					for (int u = 0; u < actives; u++) {
						final int i = active[u];
						if (last) {
							finish(i, c, sums[i], alive[i], a);
							continue;
						}
						prune(u, i, b + 1, activeSums, activeAlive, liveGroups, firstLive, endLive, Math.nextUp(
							a.cost[i]));
						if (liveGroups[u] == 0) continue;
						active[kept] = i;
						activeSums[kept] = activeSums[u];
						activeAlive[kept] = activeAlive[u];
						liveGroups[kept] = liveGroups[u];
						firstLive[kept] = firstLive[u];
						endLive[kept++] = endLive[u];
					}
					actives = kept;
				}
				termsComputed.add(computed);
			});
		}

		/**
		 * Adds the block sums of the first {@code pairs} gathered pairs
		 * ({@code acc[p·LANES ..]}, of the candidates from {@code r0[p]}) into
		 * the partial sums {@code rows[row[p]]}.
		 *
		 * @return the terms computed: the pairs' candidates times {@code length}
		 */
		private long addPairSums(final int pairs, final int[] r0, final int[] row, final float[] acc,
			final double[][] rows, final int length)
		{
			long computed = 0;
			for (int p = 0; p < pairs; p++) {
				final double[] sum = rows[row[p]];
				final int from = r0[p], to = Math.min(m, from + LANES);
				for (int r = from; r < to; r++)
					sum[r] += acc[p * LANES + r - from];
				computed += (long) length * (to - from);
			}
			return computed;
		}

		/**
		 * Sorts the first {@code pairs} gathered (image, group) pairs by group,
		 * stably (a counting sort; {@code count}, of groups + 1, and the sorted
		 * arrays are scratch).
		 */
		private void sortByGroup(final int pairs, final int groups, final float[][] image,
			final int[] r0, final int[] slot, final int[] count, final float[][] sortedImage,
			final int[] sortedR0, final int[] sortedSlot)
		{
			Arrays.fill(count, 0);
			for (int p = 0; p < pairs; p++)
				count[r0[p] / group + 1]++;
			for (int g = 0; g < groups; g++)
				count[g + 1] += count[g];
			for (int p = 0; p < pairs; p++) {
				final int to = count[r0[p] / group]++;
				sortedImage[to] = image[p];
				sortedR0[to] = r0[p];
				sortedSlot[to] = slot[p];
			}
			System.arraycopy(sortedImage, 0, image, 0, pairs);
			System.arraycopy(sortedR0, 0, r0, 0, pairs);
			System.arraycopy(sortedSlot, 0, slot, 0, pairs);
		}

		/**
		 * Block sums of the four images in tile slots t0 .. t0 + 3 (a short last
		 * quad repeats its last image) over elements [from, to) for the
		 * candidates [r0, r1), into {@code accs}.
		 */
		private void quadSums(final int i0, final int t0, final int count, final int from,
			final int to, final int r0, final int r1, final float[][] quad, final float[][] accs)
		{
			for (int q = 0; q < 4; q++) {
				quad[q] = embedded[i0 + Math.min(t0 + q, count - 1)];
				Arrays.fill(accs[q], r0, r1, 0f);
			}
			metric.accumulate4(quad, columns, from, to, accs, r0, r1);
		}

		/**
		 * Whether the quad of tile slots t0 .. t0 + 3 is worth the four-image
		 * kernel: at least half the (image, group) pairs between its first and
		 * last live group are alive. (It computes all of them, about 1.6 times
		 * as fast per term as the one-image kernel and 4–5 times as fast as the
		 * groups kernel, measured on one core.)
		 *
		 * @param span receives the quad's first live group and one past its last
		 */
		private static boolean dense(final int t0, final int count, final int[] liveGroups,
			final int[] firstLive, final int[] endLive, final int[] span)
		{
			int lo = Integer.MAX_VALUE, hi = 0, live = 0;
			for (int t = t0; t < Math.min(count, t0 + 4); t++) {
				if (liveGroups[t] == 0) continue;
				live += liveGroups[t];
				lo = Math.min(lo, firstLive[t]);
				hi = Math.max(hi, endLive[t]);
			}
			span[0] = lo;
			span[1] = hi;
			return hi > lo && 2 * live >= 4 * (hi - lo);
		}

		/**
		 * Drops the groups of image i (tile slot t, or the slot of
		 * {@link #searchSparse}) whose rotations cannot win
		 * after the blocks before {@code next}, and updates the image's span of
		 * live groups, {@code firstLive[t]} to {@code endLive[t]}.
		 */
		private void prune(final int t, final int i, final int next, final double[][] sums,
			final boolean[][] alive, final int[] liveGroups, final int[] firstLive,
			final int[] endLive, final double bound)
		{
			final boolean[] on = alive[t];
			int first = on.length, end = 0;
			for (int g = firstLive[t]; g < endLive[t]; g++) {
				if (!on[g]) continue;
				if (canWin(sums[t], imageRest[i][next], rotatedRest[next], bound, g * group, Math.min(m,
					g * group + group)))
				{
					first = Math.min(first, g);
					end = g + 1;
				}
				else {
					on[g] = false;
					liveGroups[t]--;
				}
			}
			firstLive[t] = first;
			endLive[t] = end;
		}

		/**
		 * Whether some candidate r in [r0, r1) may cost less than {@code bound}:
		 * partial sums plus rigorous lower bounds of their remaining terms. The
		 * factor 1 − 1e-12 covers the double roundings of the reference's block
		 * additions.
		 */
		private boolean canWin(final double[] sum, final double imageNorm, final double[] rotatedNorm,
			final double bound, final int r0, final int r1)
		{
			for (int r = r0; r < r1; r++) {
				if (sum[r] >= bound) continue;
				final double t = metric.tailLowerBound(imageNorm, rotatedNorm[r]);
				if (t <= 0 || (sum[r] + t) * (1 - 1e-12) < bound) return true;
			}
			return false;
		}

		/**
		 * The reference's arg-min over the exact costs {@code cost[r]} of class
		 * c, tie rule included, for the rotations of the live groups (the others
		 * cost more than the incumbent).
		 */
		private void finish(final int i, final int c, final double[] cost, final boolean[] live,
			final Assignment a)
		{
			double best = a.cost[i];
			int bc = a.classOf[i], br = a.rotationOf[i];
			for (int r = 0; r < m; r++) {
				if (!live[r / group]) continue;
				final boolean precedes = c < bc || c == bc && r < br;
				if (precedes ? cost[r] <= best : cost[r] < best) {
					best = cost[r];
					bc = c;
					br = r;
				}
			}
			a.cost[i] = best;
			a.classOf[i] = bc;
			a.rotationOf[i] = br;
		}

		/**
		 * Fast search only: starts an assignment to new centroids at each
		 * image's previous (class, rotation), with its exact cost. That is a
		 * real candidate, so the arg-min (with the tie rule of
		 * {@link #searchFast}) is unchanged, while the bound is tight from the
		 * first class on.
		 */
		private void seed(final float[][] centroids, final Assignment previous, final Assignment a) {
			final int[][] members = previous.members(k);
			workers.forRange(k, (from, to) -> {
				final float[] buffer = new float[size * size];
				final float[] e = new float[dim];
				for (int c = from; c < to; c++) {
					final int[] list = members[c].clone();
					// group by rotation: sort by (rotation, image)
					final long[] keys = new long[list.length];
					for (int j = 0; j < list.length; j++)
						keys[j] = (long) previous.rotationOf[list[j]] << 32 | list[j];
					Arrays.sort(keys);
					int current = -1;
					for (final long key : keys) {
						final int r = (int) (key >>> 32), i = (int) key;
						if (r != current) {
							Rotation.rotate(centroids[c], size, r, m, buffer);
							metric.embed(buffer, size, e);
							current = r;
						}
						a.cost[i] = metric.partial(embedded[i], e, Double.POSITIVE_INFINITY);
						a.classOf[i] = c;
						a.rotationOf[i] = r;
					}
				}
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
			final long total = termsTotal.sum();
			result.prunedPercent = total == 0 ? 0 : 100.0 * (total - termsComputed.sum()) / total;
			final long all = searches.sum();
			result.sparsePercent = all == 0 ? 0 : 100.0 * sparseSearches.sum() / all;
			result.embedSeconds = embedNanos / 1e9;
			result.searchSeconds = searchNanos / 1e9;
			return result;
		}

		private void checkCancelled() {
			if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
				throw new CancellationException("Classification cancelled");
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

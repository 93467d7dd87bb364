package org.cryoem.wasserstein.cluster;

import java.util.Locale;

import org.cryoem.wasserstein.distance.InnerProducts;
import org.cryoem.wasserstein.distance.Metric;
import org.cryoem.wasserstein.distance.Metrics;
import org.cryoem.wasserstein.image.Rotation;

/**
 * The one estimate of the heap a classification run needs, and the check that
 * refuses a run that cannot fit <em>before</em> anything large is allocated, so
 * that a user sees a one-line message naming the heap setting rather than an
 * {@link OutOfMemoryError} half-way through.
 * <p>
 * The working set counted is: the embeddings of all images (n·dim floats), the
 * m rotated centroid embeddings (m·dim floats; twice for the fast search,
 * which keeps them both row- and element-major), the fast search's suffix norms
 * ((blocks + 1)·(n + m) doubles) and partial sums (m doubles per image),
 * three sets of k centroids (accepted, next, averages), two double buffers
 * of N² per worker thread, the per-image assignment arrays, and 32 MB of
 * slack; plus the input stack itself (n·N² floats), which is either already
 * in memory ({@link #check}) or about to be read
 * ({@link #checkBeforeLoading}). The L2 fast search keeps, instead of the m
 * rotated embeddings twice, a batch of centroids' rotations once, the
 * images' segments for its screen (about 5/4 of an embedding each) and the
 * candidates' segments.
 * </p>
 * <p>
 * The limit is {@link Runtime#maxMemory()} unless the system property
 * {@value #HEAP_LIMIT_PROPERTY} gives a smaller number of bytes (for tests, and
 * for users who want to leave room for other work in the same JVM).
 * </p>
 */
public final class MemoryEstimate {

	/** System property: a heap limit in bytes to use instead of the JVM's maximum heap. */
	public static final String HEAP_LIMIT_PROPERTY = "wasserstein.heapLimit";

	private static final long SLACK = 32L << 20;

	private MemoryEstimate() {}

	/**
	 * @param n images
	 * @param size edge length N
	 * @param k classes
	 * @param m rotations
	 * @param dim embedding length of one image
	 * @param norms suffix norms per embedding (fast search: blocks + 1; else 0)
	 * @param threads worker threads
	 * @return bytes of heap the run needs on top of the input stack
	 */
	public static long working(final long n, final long size, final long k, final long m,
		final long dim, final long norms, final long threads)
	{
		return working(n, size, k, m, dim, norms, threads, false);
	}

	/**
	 * {@link #working(long, long, long, long, long, long, long)}, for the L2
	 * fast search ({@code inner}) also with: the images' segments (at most
	 * 5/4·dim + 5 floats and 5 doubles each), a batch of rotated centroids
	 * instead of m, their segments row- and element-major, and a tile's sums of
	 * the segments per thread.
	 *
	 * @param inner whether the fast search screens by inner products (L2)
	 */
	public static long working(final long n, final long size, final long k, final long m,
		final long dim, final long norms, final long threads, final boolean inner)
	{
		final long pixels = size * size;
		if (inner) {
			final long segments = 5 * (dim / 4 + 1), batch = Classifier.batch((int) Math.min(k,
				Integer.MAX_VALUE), (int) Math.min(m, Integer.MAX_VALUE), (int) Math.min(dim,
					Integer.MAX_VALUE));
			final long lanes = Classifier.padded((int) Math.min(batch * m / Rotation.symmetry((int) Math
				.min(m, Integer.MAX_VALUE)), Integer.MAX_VALUE));
			return 4L * n * dim // embeddings
				+ n * (4L * segments + 40) // the images' segments and their norms
				+ 4L * batch * m * dim // rotated centroids
				// the candidates' segments, both ways (element-major: in columns padded to 16 lanes,
				// or in panels of up to 32 with the Vector API kernel), and norms
				+ 4L * (lanes + (lanes + 31) / 32 * 32) * segments + 48L * lanes
				+ 8L * norms * n // suffix norms
				+ 3 * 4L * k * pixels // centroids: accepted, next, averages
				+ 8L * threads * pixels * 2 // per-thread sums and buffers
				+ 12L * threads * (Classifier.INNER_TILE + InnerProducts.ROWS) * 5 * lanes // a tile's sums of the segments, in doubles and floats
				+ 40L * n // assignments
				+ SLACK;
		}
		return 4L * n * dim // embeddings
			+ (norms > 0 ? 2 : 1) * 4L * Classifier.padded((int) m) * dim // rotated centroids (row-major; fast search: also element-major, padded)
			+ 8L * norms * (n + m) // fast search: suffix norms
			+ 3 * 4L * k * pixels // centroids: accepted, next, averages
			+ 8L * threads * pixels * 2 // per-thread sums and buffers
			+ (norms > 0 ? 14L * threads * Classifier.TILE * Classifier.padded((int) m) : 0) // fast search: a tile's sums, flags and pairs
			+ (norms > 0 ? n * (9L * m + 4) : 0) // fast search: every image's sums, flags and sparse start
			+ 40L * n // assignments
			+ SLACK;
	}

	/** @return bytes of the input stack itself: n·N² floats */
	public static long input(final long n, final long size) {
		return 4L * n * size * size;
	}

	/** @return the heap limit in bytes: {@value #HEAP_LIMIT_PROPERTY} if set and smaller, else the JVM's */
	public static long heapLimit() {
		long max = Runtime.getRuntime().maxMemory();
		final String p = System.getProperty(HEAP_LIMIT_PROPERTY);
		if (p != null && !p.trim().isEmpty()) {
			try {
				max = Math.min(max, Long.parseLong(p.trim()));
			}
			catch (final NumberFormatException e) {
				// ignored: a malformed override leaves the JVM's limit
			}
		}
		return max;
	}

	/**
	 * Refuses a run whose input is in memory already, when the working set
	 * does not fit.
	 *
	 * @throws NotEnoughMemoryException if input + working set exceed the heap limit
	 */
	static void check(final int n, final int size, final int k, final int m, final int dim,
		final int norms, final int threads, final boolean inner)
	{
		require(n, size, k, m, working(n, size, k, m, dim, norms, threads, inner), input(n, size));
	}

	/**
	 * Refuses, before the input is read, a run of {@code n} images of
	 * {@code size}² with these parameters when the input and the working set
	 * together exceed the heap limit (counts as large as 2³¹ and beyond are
	 * handled without overflow).
	 *
	 * @throws NotEnoughMemoryException if they do not fit
	 */
	public static void checkBeforeLoading(final long n, final long size,
		final ClassificationParameters params)
	{
		final Metric metric = Metrics.create(params.metric, params.wavelet, params.levels,
			params.mode);
		final int dim = metric.embeddingLength((int) Math.min(size, 1 << 15));
		final boolean fast = !"exhaustive".equalsIgnoreCase(params.search);
		final int blocks = (dim + metric.block() - 1) / metric.block();
		final long in = saturated(n, size);
		require(n, size, params.classes, params.rotations, in == Long.MAX_VALUE ? Long.MAX_VALUE
			: working(n, size, params.classes, params.rotations, dim, fast ? blocks + 1 : 0, params
				.effectiveThreads(), fast && metric.squaredEuclidean()), in);
	}

	private static long saturated(final long n, final long size) {
		try {
			return Math.multiplyExact(Math.multiplyExact(4L * n, size), size);
		}
		catch (final ArithmeticException e) {
			return Long.MAX_VALUE;
		}
	}

	private static void require(final long n, final long size, final long k, final long m,
		final long need, final long input)
	{
		final long max = heapLimit();
		if (max == Long.MAX_VALUE) return;
		final long total = need > Long.MAX_VALUE - input ? Long.MAX_VALUE : need + input;
		if (total > max) throw new NotEnoughMemoryException(n, size, k, m, need, input, max);
	}

	/**
	 * A run does not fit in the heap. The message is one line and names the
	 * heap setting of the command line (-Xmx) and of Fiji (Edit › Options ›
	 * Memory &amp; Threads).
	 */
	public static final class NotEnoughMemoryException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		/** Bytes needed (input included) and the heap limit, in bytes. */
		public final long needed, limit;

		NotEnoughMemoryException(final long n, final long size, final long k, final long m,
			final long need, final long input, final long max)
		{
			super(String.format(Locale.ROOT,
				"Not enough memory: %d images of %dx%d with %d classes and %d rotations need about %s of heap (%s for the images, %s to classify them), but the maximum heap is %s; raise it (java -Xmx%s on the command line, Edit > Options > Memory & Threads in Fiji)",
				n, size, size, k, m, mb(sum(need, input)), mb(input), mb(need), mb(max), suggestion(sum(
					need, input))));
			this.needed = sum(need, input);
			this.limit = max;
		}

		private static long sum(final long a, final long b) {
			return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
		}

		private static String mb(final long bytes) {
			return bytes == Long.MAX_VALUE ? "more than 8 EB" : (bytes + (1 << 20) - 1 >> 20) + " MB";
		}

		private static String suggestion(final long bytes) {
			if (bytes == Long.MAX_VALUE || bytes > (1L << 50)) return "<more than this machine has>";
			final long mb = (bytes + bytes / 4 >> 20) + 1;
			return mb >= 4096 ? (mb + 1023 >> 10) + "g" : mb + "m";
		}
	}
}

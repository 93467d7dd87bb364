package org.cryoem.wasserstein.distance;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import org.cryoem.wasserstein.wavelet.BoundaryMode;
import org.cryoem.wasserstein.wavelet.Dwt2D;
import org.cryoem.wasserstein.wavelet.Wavelet;

/**
 * Wavelet Earth mover's distance: the approximation of the Wasserstein-1 (EMD)
 * distance by a weighted L1 norm of wavelet detail coefficients (S.
 * Shirdhonkar and D. W. Jacobs, "Approximate earth mover's distance in linear
 * time", CVPR 2008), as used for cryo-EM 2D classification by R. Rao, A.
 * Moscovich and A. Singer, "Wasserstein K-means for clustering tomographic
 * projections", 2020 (sym5, zero mode, 6 levels).
 * <p>
 * <b>Embedding</b>: the image is transformed by {@link Dwt2D}, which equals
 * {@code pywt.wavedecn(img, wavelet, mode=mode, level=L)}; the approximation
 * is dropped and every detail coefficient of level j is multiplied by
 * 4<sup>L−1−j</sup> (for L = 6: 1024 at the coarsest level, 1 at the finest),
 * i.e. 2<sup>−2s</sup> for scale s in the paper's 2D weighting. A 128×128 image
 * with sym5/zero/6 levels has 21,291 embedding values.
 * </p>
 * <p>
 * <b>Order</b> ({@link #order(int)}): the weighted coefficients are laid out
 * by decreasing expected contribution to the distance between noisy images,
 * their weight times the standard deviation that white pixel noise gives
 * them ({@link Dwt2D#noiseVariance()}; ties in pywt's order: coarsest level
 * first, bands 'ad', 'da', 'dd', row-major). The distance does not depend on
 * the order but the fast search does: its partial sums pass the incumbent
 * sooner. At the paper's settings the coefficients near the band edges, which
 * the zero padding makes quieter (at the coarsest level a standard deviation
 * of 0.07 on average, against 0.9 at the finest), move behind the others.
 * The order is a function of the wavelet, mode, levels and size only.
 * </p>
 * <p>
 * <b>Distance</b>: the L1 norm of the difference of two embeddings. The cost of
 * {@link #partial} is that same L1 norm ({@link #finish} is the identity),
 * accumulated in blocks of {@value #BLOCK} float terms added into a double
 * total, in a fixed order, with early exit once the total reaches the bound.
 * </p>
 * <p>
 * Immutable and thread-safe: each thread gets its own transform workspace.
 * </p>
 */
public final class W1Metric implements Metric {

	/** Name used on the command line and in macros. */
	public static final String NAME = "w1";

	/** Block length between early-exit checks; sums inside a block are float. */
	static final int BLOCK = 256;

	private final Wavelet wavelet;
	private final BoundaryMode mode;
	private final int levels;
	private final ConcurrentHashMap<Integer, Dwt2D> transforms =
		new ConcurrentHashMap<>();
	private final ConcurrentHashMap<Integer, Layout> layouts = new ConcurrentHashMap<>();
	private final ThreadLocal<State> state = new ThreadLocal<>();

	/**
	 * @param wavelet PyWavelets name, e.g. "sym5" (see {@link Wavelet})
	 * @param levels number of decomposition levels, ≥ 1
	 * @param mode PyWavelets boundary mode name, e.g. "zero" (see
	 *          {@link BoundaryMode})
	 * @throws IllegalArgumentException for unknown names or levels &lt; 1
	 */
	public W1Metric(final String wavelet, final int levels, final String mode) {
		if (levels < 1) throw new IllegalArgumentException(
			"wavelet levels must be >= 1: " + levels);
		this.wavelet = Wavelet.of(wavelet);
		this.mode = BoundaryMode.of(mode);
		this.levels = levels;
	}

	/** sym5, 6 levels, zero mode: the paper's reference settings. */
	public static W1Metric paperDefault() {
		return new W1Metric("sym5", 6, "zero");
	}

	@Override
	public String name() {
		return NAME;
	}

	public Wavelet wavelet() {
		return wavelet;
	}

	public BoundaryMode mode() {
		return mode;
	}

	public int levels() {
		return levels;
	}

	/** @return the weight 4^(L−1−j) of level j (0 = coarsest) */
	public double weight(final int level) {
		return Math.scalb(1.0, 2 * (levels - 1 - level));
	}

	/** @return the (cached, shared) transform for size×size images */
	public Dwt2D transform(final int size) {
		return transforms.computeIfAbsent(size, s -> new Dwt2D(wavelet, mode,
			levels, s));
	}

	@Override
	public int embeddingLength(final int size) {
		if (size < 1) throw new IllegalArgumentException("size must be >= 1: " + size);
		final int f = wavelet.length();
		int n = size, total = 0;
		for (int s = 0; s < levels; s++) {
			n = mode.outputLength(n, f);
			total += 3 * n * n;
		}
		return total;
	}

	@Override
	public void embed(final float[] image, final int size, final float[] out) {
		State st = state.get();
		if (st == null || st.dwt.size() != size) {
			st = new State(transform(size), layout(size));
			state.set(st);
		}
		final double[] c = st.coefficients;
		st.dwt.forward(image, c, st.workspace);
		final Layout layout = st.layout;
		final int[] index = layout.index;
		final double[] weight = layout.weight;
		for (int o = 0; o < index.length; o++)
			out[o] = (float) (weight[o] * c[index[o]]);
	}

	/**
	 * The embedding's order for size×size images: entry o is the index, in
	 * {@link Dwt2D#forward}'s output, of the coefficient at embedding position
	 * o (see the class comment). A fresh copy.
	 */
	public int[] order(final int size) {
		return layout(size).index.clone();
	}

	private Layout layout(final int size) {
		return layouts.computeIfAbsent(size, s -> new Layout(transform(s), this));
	}

	/** The embedding's order and each position's weight. */
	private static final class Layout {

		final int[] index;
		final double[] weight;

		Layout(final Dwt2D dwt, final W1Metric metric) {
			final double[] variance = dwt.noiseVariance();
			final int n = dwt.detailCount(), first = dwt.coefficientCount() - n;
			final double[] w = new double[dwt.coefficientCount()];
			final double[] key = new double[w.length];
			for (int j = 0; j < metric.levels; j++) {
				final int e = dwt.bandSize(j);
				for (int i = dwt.detailOffset(j, 0), end = i + 3 * e * e; i < end; i++) {
					w[i] = metric.weight(j);
					key[i] = w[i] * w[i] * variance[i];
				}
			}
			final Integer[] sorted = new Integer[n];
			for (int o = 0; o < n; o++)
				sorted[o] = first + o;
			// stable: ties keep pywt's order
			Arrays.sort(sorted, (p, q) -> Double.compare(key[q], key[p]));
			index = new int[n];
			weight = new double[n];
			for (int o = 0; o < n; o++) {
				index[o] = sorted[o];
				weight[o] = w[index[o]];
			}
		}
	}

	@Override
	public int block() {
		return BLOCK;
	}

	@Override
	public double partial(final float[] a, final float[] b, final int from, final double sum0,
		final double bound)
	{
		final int n = a.length;
		double sum = sum0;
		for (int start = from; start < n; start += BLOCK) {
			final int end = Math.min(n, start + BLOCK);
			float s = 0;
			for (int i = start; i < end; i++) {
				s += Math.abs(a[i] - b[i]);
			}
			sum += s;
			if (sum >= bound) return sum;
		}
		return sum;
	}

	/**
	 * Hot loop of the fast search: the {@link ColumnKernel#VECTOR} kernel where
	 * the JVM has the Vector API, the scalar loop for the candidates it leaves
	 * (or all of them); both give the same sums, bit for bit.
	 */
	@Override
	public void accumulate(final float[] e, final float[][] columns, final int from, final int to,
		final float[] acc, final int r0, final int r1)
	{
		final ColumnKernel simd = ColumnKernel.VECTOR;
		final int r = simd == null ? r0 : simd.w1(e, columns, from, to, acc, r0, r1);
		if (r < r1) accumulateScalar(e, columns, from, to, acc, r, r1);
	}

	/**
	 * The scalar {@link #accumulate} (package-private for tests): the inner loop
	 * over candidates r is a plain map that C2 vectorises; unrolling over four
	 * elements keeps each candidate's float additions in increasing element
	 * order.
	 */
	static void accumulateScalar(final float[] e, final float[][] columns, final int from,
		final int to, final float[] acc, final int r0, final int r1)
	{
		int i = from;
		for (; i + 4 <= to; i += 4) {
			final float v0 = e[i], v1 = e[i + 1], v2 = e[i + 2], v3 = e[i + 3];
			final float[] c0 = columns[i], c1 = columns[i + 1], c2 = columns[i + 2], c3 = columns[i + 3];
				for (int r = r0; r < r1; r++) {
					float s = acc[r];
					s += Math.abs(v0 - c0[r]);
					s += Math.abs(v1 - c1[r]);
					s += Math.abs(v2 - c2[r]);
					s += Math.abs(v3 - c3[r]);
					acc[r] = s;
				}
		}
		for (; i < to; i++) {
			final float v = e[i];
			final float[] c = columns[i];
				for (int r = r0; r < r1; r++)
					acc[r] += Math.abs(v - c[r]);
		}
	}

	/**
	 * Four images at a time: the {@link ColumnKernel#VECTOR} kernel where the
	 * JVM has the Vector API; for the candidates it leaves (or all of them) the
	 * one-image scalar loop for each image, which loads and stores each sum
	 * once per four elements (a four-image scalar loop, once per element, was
	 * slower). The same sums, bit for bit, as {@link #accumulate}.
	 */
	@Override
	public void accumulate4(final float[][] es, final float[][] columns, final int from,
		final int to, final float[][] accs, final int r0, final int r1)
	{
		final ColumnKernel simd = ColumnKernel.VECTOR;
		final int r = simd == null ? r0 : simd.w1Quad(es, columns, from, to, accs, r0, r1);
		if (r < r1) for (int q = 0; q < 4; q++)
			accumulateScalar(es[q], columns, from, to, accs[q], r, r1);
	}

	/**
	 * The groups kernel: the {@link ColumnKernel#VECTOR} kernel where the JVM
	 * has the Vector API, else the scalar loop; the same sums, bit for bit.
	 */
	@Override
	public void accumulateGroups(final float[][] es, final int[] r0s, final int count,
		final int lanes, final float[][] columns, final int from, final int to, final float[] acc)
	{
		final ColumnKernel simd = ColumnKernel.VECTOR;
		final int p = simd == null ? 0 : simd.w1Groups(es, r0s, count, lanes, columns, from, to, acc);
		if (p < count) accumulateGroupsScalar(es, r0s, p, count, lanes, columns, from, to, acc);
	}

	/** The scalar {@link #accumulateGroups} for groups p0 .. count−1 (package-private for tests). */
	static void accumulateGroupsScalar(final float[][] es, final int[] r0s, final int p0,
		final int count, final int lanes, final float[][] columns, final int from, final int to,
		final float[] acc)
	{
		for (int p = p0; p < count; p++) {
			final float[] e = es[p];
			final int r0 = r0s[p], o = p * lanes;
			for (int i = from; i < to; i++) {
				final float v = e[i];
				final float[] c = columns[i];
				for (int j = 0; j < lanes; j++) {
					acc[o + j] += Math.abs(v - c[r0 + j]);
				}
			}
		}
	}

	/**
	 * Runs the fast search's kernels ({@link #accumulate}, {@link #accumulate4},
	 * {@link #accumulateGroups}) on eight made-up elements, in the shapes the
	 * search gives them (runs of 1 to 13 vectors of candidates; groups alone,
	 * and in runs that share their candidates), in rounds of
	 * {@value #WARM_UP_ROUND} calls until C2 has compiled them
	 * ({@link WarmUpRounds}), so that the search does not start with them.
	 * Until C2 compiles them the Vector API kernels run in its Java fallback,
	 * far slower: at the paper's workload the first centroid of k-means++ took
	 * 4.3 s without a warm-up, against 0.2 s for a later one. The sums are
	 * thrown away; nothing else depends on the timing.
	 */
	@Override
	public void warmUp() {
		if (ColumnKernel.VECTOR == null) return;
		final int lanes = 16, width = 13 * lanes, elements = 8;
		final float[][] columns = new float[elements][width];
		final float[][] images = new float[4][elements];
		for (int i = 0; i < elements; i++) {
			for (int r = 0; r < width; r++)
				columns[i][r] = (i * 31 + r * 7) % 17 - 8;
			for (int q = 0; q < 4; q++)
				images[q][i] = (i * 13 + q * 5) % 11 - 5;
		}
		final float[][] accs = new float[4][width];
		final int pairs = 24;
		final float[][] es = new float[pairs][];
		final int[] r0s = new int[pairs];
		final float[] acc = new float[pairs * lanes];
		// nine groups of one pair each (too few to share their candidates: the slots kernel),
		// ten pairs on the next group (shared candidates), three on the next (shared), two on
		// the last (slots); the counts 1 to 24 cut these runs everywhere. So every loop and
		// branch of the groups kernels runs before C2 compiles them: one never taken here is
		// compiled as a trap, which the search then springs (KernelCompileTest)
		for (int p = 0; p < pairs; p++) {
			es[p] = images[p % 4];
			r0s[p] = lanes * (p < 9 ? p : p < 19 ? 9 : p < 22 ? 10 : 11);
		}
		final WarmUpRounds rounds = new WarmUpRounds();
		long t0;
		do {
			t0 = System.nanoTime();
			for (int rep = 0; rep < WARM_UP_ROUND; rep++) {
				final int vectors = 1 + rep % 13, r0 = lanes * (rep % (14 - vectors));
				accumulate4(images, columns, 0, elements, accs, r0, r0 + vectors * lanes);
				accumulate(images[0], columns, 0, elements, accs[0], r0, r0 + vectors * lanes);
				accumulateGroups(es, r0s, 1 + rep % pairs, lanes, columns, 0, elements, acc);
			}
		}
		while (!rounds.done(System.nanoTime() - t0));
	}

	/** Calls of each kernel per round of {@link #warmUp}. */
	static final int WARM_UP_ROUND = 100;

	/**
	 * The stop rule of {@link #warmUp}, given the time of one round after
	 * another. Round 0 also pays for loading the Vector API and only counts
	 * towards the time spent. The warm-up stops once a round is 40 times as
	 * fast as the slowest (C2 has compiled the kernels: at the paper's
	 * workload the rounds take 10–25 ms at first, 2.5 ms in C1, where the
	 * Vector API runs its Java fallback, and 40 µs compiled, about 0.6 s in),
	 * after ten rounds all alike (a JVM that had compiled them already), or
	 * after 2 s.
	 */
	static final class WarmUpRounds {

		private int round = -1;
		private long slowest, fastest = Long.MAX_VALUE, spent;

		/** @return whether to stop after a round of {@code t} nanoseconds */
		boolean done(final long t) {
			round++;
			spent += t;
			if (round == 0) return false;
			slowest = Math.max(slowest, t);
			fastest = Math.min(fastest, t);
			return t * 40 < slowest || round >= 10 && slowest < 2 * fastest || spent > 2_000_000_000L;
		}
	}

	@Override
	public void suffixNorms(final float[] v, final double[] out) {
		final int blocks = (v.length + BLOCK - 1) / BLOCK;
		double total = 0;
		out[blocks] = 0;
		for (int b = blocks - 1; b >= 0; b--) {
			for (int i = b * BLOCK, end = Math.min(v.length, i + BLOCK); i < end; i++)
				total += Math.abs(v[i]);
			out[b] = total;
		}
	}
	/**
	 * Σ|a−b| ≥ |Σ|a| − Σ|b||; the margin (relative 1e-4 plus 1e-9 of the norms)
	 * exceeds the float error of 256-term block sums (≈1.6e-5 relative).
	 */
	@Override
	public double tailLowerBound(final double na, final double nb) {
		final double lb = Math.abs(na - nb) * (1 - 1e-4) - 1e-9 * (na + nb);
		return lb > 0 ? lb : 0;
	}

	@Override
	public double finish(final double cost) {
		return cost;
	}

	@Override
	public double cost(final double distance) {
		return distance;
	}

	@Override
	public String toString() {
		return NAME + "(" + wavelet.name() + ", " + levels + " levels, " + mode
			.pywtName() + ")";
	}

	/** Per-thread transform state. */
	private static final class State {

		final Dwt2D dwt;
		final Layout layout;
		final Dwt2D.Workspace workspace;
		final double[] coefficients;

		State(final Dwt2D dwt, final Layout layout) {
			this.dwt = dwt;
			this.layout = layout;
			this.workspace = dwt.newWorkspace();
			this.coefficients = new double[dwt.coefficientCount()];
		}
	}
}

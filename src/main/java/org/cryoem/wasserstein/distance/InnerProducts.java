package org.cryoem.wasserstein.distance;

/**
 * Screening for the L2 fast search: inner products of images with many
 * candidates at once, and rigorous bounds that they give on the reference
 * cost of {@link L2Metric#partial}.
 * <p>
 * The L2 cost is Σ(a − b)² = ‖a‖² + ‖b‖² − 2⟨a, b⟩. The inner products of
 * {@value #ROWS} images with a row of candidates are a small matrix product
 * ({@link #dots}): one multiply-add per term instead of a subtraction, a
 * multiplication and an addition, and each candidate vector that is loaded
 * serves {@value #ROWS} images. Its
 * float sums are rounded in another order than the reference's, so they do
 * not give the reference cost bit for bit; instead {@link #lower} and
 * {@link #upper} bound it, with the textbook error bound of a float dot product
 * (|computed − exact| ≤ γ<sub>n</sub>·Σ|a<sub>i</sub>b<sub>i</sub>| ≤
 * γ<sub>n</sub>·‖a‖·‖b‖, γ<sub>n</sub> = nu/(1 − nu), u = 2<sup>−24</sup>, n =
 * {@value #BLOCK} + {@value #FLUSH} roundings per term) and that of the reference's own float
 * sums. The search keeps the candidates whose lower bound does not exceed the
 * least upper bound and computes only those with the reference
 * {@link Metric#partial}, so its answer is the reference's, tie rule and all.
 * </p>
 * <p>
 * For images of ~10⁴ pixels with values of order 1 the bounds are about 10⁻⁵
 * of the cost apart, far closer than the costs of distinct candidates, so
 * nearly only the winner (and exact ties) is computed again.
 * </p>
 */
public final class InnerProducts {

	private InnerProducts() {}

	/** Terms per float sum in {@link #dots}. */
	public static final int BLOCK = 256;

	/**
	 * Calls of {@link #dots} whose block sums the caller may add up in
	 * {@code out} (in float) before it adds them into doubles and starts again
	 * from zero.
	 */
	public static final int FLUSH = 16;

	/**
	 * u·h/(1 − u·h) for h = {@value #BLOCK} + {@value #FLUSH}, u = 2⁻²⁴ (every
	 * term of a float sum passes through at most h roundings: its block's
	 * multiply-adds, then the additions of the block sums); inflated for the
	 * double sums and norms.
	 */
	private static final double GAMMA;
	static {
		final double nu = (BLOCK + FLUSH) * 0x1p-24;
		GAMMA = nu / (1 - nu) + 1e-9;
	}

	/**
	 * Relative bound on the rounding of the reference cost (float terms
	 * fl(fl(a − b)²) summed in float blocks of {@value L2Metric#BLOCK}, then in
	 * double): γ<sub>258</sub> ≈ 1.54·10⁻⁵, with room to spare.
	 */
	private static final double REFERENCE = 4e-5;

	/**
	 * Absolute slack for what the relative bounds miss: float underflow, at
	 * most 2⁻¹⁵⁰ per operation (≈ 7·10⁻⁴⁶), over any image size this plugin can
	 * hold.
	 */
	private static final double TINY = 1e-30;

	/** Images per call of {@link #dots}. */
	public static final int ROWS = 12;

	/**
	 * Inner products of {@value #ROWS} embeddings with candidates: for q &lt;
	 * {@value #ROWS} and every candidate r in [r0, r1),
	 * {@code out[q·stride + r] += Σ es[q][i]·columns[i][r]} over the elements i
	 * in [from, to) ({@code to − from ≤} {@value #BLOCK}), the sum computed in
	 * float arithmetic from zero, then added to {@code out}: the scalar loops,
	 * which the search uses without the Vector API kernel (with it, the
	 * candidates are in panels: {@link #dotsPanels}). The same embedding may
	 * be passed more than once.
	 */
	public static void dots(final float[][] es, final float[][] columns, final int from,
		final int to, final float[] out, final int stride, final int r0, final int r1)
	{
		dots(new float[][][] { es }, 1, columns, from, to, new float[][] { out }, stride, r0, r1);
	}

	/**
	 * {@link #dots(float[][], float[][], int, int, float[], int, int, int)} for
	 * each of {@code count} groups of {@value #ROWS} embeddings against the
	 * same candidates: {@code groups[g]} into {@code outs[g]}, the same sums
	 * bit for bit as one call per group.
	 */
	public static void dots(final float[][][] groups, final int count, final float[][] columns,
		final int from, final int to, final float[][] outs, final int stride, final int r0,
		final int r1)
	{
		check(groups, count, from, to);
		for (int g = 0; g < count; g++)
			dotsScalar(groups[g], columns, from, to, outs[g], stride, r0, r1);
	}

	/** What the error bound of {@link #dots} and {@link #dotsPanels} covers, else refused. */
	private static void check(final float[][][] groups, final int count, final int from,
		final int to)
	{
		for (int g = 0; g < count; g++)
			if (groups[g].length != ROWS) throw new IllegalArgumentException("dots takes " + ROWS +
				" embeddings per group");
		if (to - from > BLOCK) throw new IllegalArgumentException("dots takes at most " + BLOCK +
			" elements");
	}

	/**
	 * Candidates per panel of {@link #dotsPanels}, or 0 where the Vector API
	 * kernel is not loaded (then the candidates go to {@link #dots} as
	 * columns).
	 */
	public static int panelWidth() {
		final ColumnKernel simd = ColumnKernel.VECTOR;
		return simd == null ? 0 : simd.panelWidth();
	}

	/**
	 * {@link #dots(float[][][], int, float[][], int, int, float[][], int, int, int)}
	 * with the candidates in panels of w = {@link #panelWidth} (which must not
	 * be 0): candidate r's element i at {@code panels[r / w][i·w + r % w]}, so
	 * that the Vector API kernel reads each pair of candidate vectors from
	 * consecutive addresses. Each lane's sum is the chain of float
	 * multiply-adds over the elements in order, then added to {@code out}:
	 * the same error bound as {@link #dots}.
	 */
	public static void dotsPanels(final float[][][] groups, final int count, final float[][] panels,
		final int from, final int to, final float[][] outs, final int stride, final int r0,
		final int r1)
	{
		check(groups, count, from, to);
		final ColumnKernel simd = ColumnKernel.VECTOR;
		if (simd == null) throw new IllegalStateException("panels need the Vector API kernel");
		final int w = simd.panelWidth();
		final int end = simd.dotsPanels(groups, count, panels, from, to, outs, stride, r0, r1);
		// what does not fill a vector: the same chain, lane by lane
		for (int g = 0; g < count; g++)
			for (int q = 0; q < ROWS; q++) {
				final float[] e = groups[g][q], out = outs[g];
				for (int r = end; r < r1; r++) {
					final float[] panel = panels[r / w];
					float sum = 0;
					for (int i = from, p = from * w + r % w; i < to; i++, p += w)
						sum = Math.fma(panel[p], e[i], sum);
					out[q * stride + r] += sum;
				}
			}
	}

	/**
	 * The scalar {@link #dots} (package-private for tests): one image at a
	 * time, its sums copied into a row of their own, four elements per pass
	 * over the row in a loop over r that C2 vectorises. (About 10–20·10⁹ terms
	 * per second on one core of the build machine. C2 leaves the loop scalar,
	 * 2–3·10⁹, when the sums and the candidates are not indexed alike, as
	 * with the sums in place at an offset into {@code out}.)
	 */
	static void dotsScalar(final float[][] es, final float[][] columns, final int from,
		final int to, final float[] out, final int stride, final int r0, final int r1)
	{
		final float[] row = new float[r1];
		for (int q = 0; q < es.length; q++) {
			final float[] e = es[q];
			java.util.Arrays.fill(row, 0f);
			int i = from;
			for (; i + 4 <= to; i += 4)
				row(row, columns[i], columns[i + 1], columns[i + 2], columns[i + 3], e[i], e[i + 1],
					e[i + 2], e[i + 3], r0, r1);
			for (; i < to; i++) {
				final float[] c = columns[i];
				final float v = e[i];
				for (int r = r0; r < r1; r++)
					row[r] += v * c[r];
			}
			for (int r = r0, o = q * stride; r < r1; r++)
				out[o + r] += row[r];
		}
	}

	/** Four elements' terms added to the sums of candidates [r0, r1) in {@code row}. */
	private static void row(final float[] row, final float[] c0, final float[] c1, final float[] c2,
		final float[] c3, final float v0, final float v1, final float v2, final float v3, final int r0,
		final int r1)
	{
		for (int r = r0; r < r1; r++) {
			float sum = row[r];
			sum += v0 * c0[r];
			sum += v1 * c1[r];
			sum += v2 * c2[r];
			sum += v3 * c3[r];
			row[r] = sum;
		}
	}

	/**
	 * γ<sub>n</sub> for the float sums of {@link #dots}: |computed − exact| ≤
	 * γ·Σ|a<sub>i</sub>b<sub>i</sub>| for blocks of at most {@value #BLOCK}
	 * terms, up to {@value #FLUSH} of them added in float before the double
	 * sums (inflated for those).
	 */
	public static double gamma() {
		return GAMMA;
	}

	/**
	 * The slack of the estimate ‖a‖² + ‖b‖² − 2·dot of the exact Σ(a − b)²,
	 * for any dot within {@code dotError} of ⟨a, b⟩: twice that error, plus the
	 * double roundings of the estimate and of the norms (relative 10⁻⁹ of (‖a‖
	 * + ‖b‖)² ≥ ‖a‖² + ‖b‖² + 2|dot| − 2·dotError, as |⟨a, b⟩| ≤ ‖a‖·‖b‖; the
	 * norms are double sums of up to 2²² terms). It does not depend on dot, so
	 * the L2 screen computes it once for all the turns of a candidate.
	 *
	 * @param na ‖a‖, computed in double
	 * @param nb ‖b‖, likewise
	 * @param dotError a bound on |dot − ⟨a, b⟩| ({@link #gamma()}·‖a‖·‖b‖ for
	 *          an inner product computed by {@link #dots} in blocks whose float
	 *          sums were added into a double)
	 */
	public static double slack(final double na, final double nb, final double dotError) {
		return 2 * dotError * (1 + 1e-9) + 1e-9 * (na + nb) * (na + nb) + TINY;
	}

	/**
	 * A rigorous lower bound on the reference L2 cost {@link L2Metric#partial}
	 * (unbounded) of two embeddings.
	 *
	 * @param estimate ‖a‖² + ‖b‖² − 2·dot, in double
	 * @param slack {@link #slack} for that dot
	 * @return NaN when the estimate or the slack is not finite (overflow: the
	 *         caller must compute the cost itself)
	 */
	public static double lower(final double estimate, final double slack) {
		if (!(Double.isFinite(estimate) && Double.isFinite(slack))) return Double.NaN;
		final double lo = (estimate - slack) * (1 - REFERENCE) - TINY;
		return lo > 0 ? lo : 0;
	}

	/**
	 * The rigorous upper bound that goes with {@link #lower}; NaN on overflow,
	 * and infinite where the reference's float sums may overflow (to +∞)
	 * although the exact cost is finite.
	 */
	public static double upper(final double estimate, final double slack) {
		if (!(Double.isFinite(estimate) && Double.isFinite(slack))) return Double.NaN;
		final double hi = (estimate + slack) * (1 + REFERENCE) + TINY;
		return hi < 0x1p127 ? hi : Double.POSITIVE_INFINITY;
	}
}

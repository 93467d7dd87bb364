package org.cryoem.wasserstein.distance;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast search's column kernels written with the incubating Vector API
 * ({@code jdk.incubator.vector}, Java 17 and later). Loaded by
 * {@link ColumnKernel#VECTOR} (through {@link org.cryoem.wasserstein.Simd}) only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; compiled separately (release
 * 17), so the rest of the plugin still runs on Java 11.
 * <p>
 * One vector lane is one candidate: each lane adds its terms in increasing
 * element order with the same IEEE float operations as the scalar kernels
 * (|v − c| or (v − c)·(v − c), no fused multiply-add), so the sums are bit for
 * bit those of the scalar kernels and of {@link Metric#partial}. Candidates
 * are taken eight, then four vectors at a time, with the element loop inside,
 * so the running sums stay in registers for a whole block; whatever does not
 * fill a vector is left to the scalar kernel.
 * </p>
 * <p>
 * Every width (eight, four, two or one vectors, images or slots) is a method
 * of one loop, called in turn by a small public method. C2 compiles a method
 * as one unit, and stops inlining once the unit has NodeCountInliningCutoff
 * (18,000) nodes; a Vector API operation not inlined is a call to its Java
 * fallback, which boxes every vector, from then on in compiled code. With
 * three loops in one method the W1 kernels came near that limit (JDK 17,
 * {@code -XX:+LogCompilation}: the three-loop slots kernel compiled with one
 * call left out at the limit), and a run stuck in {@code FloatVector.stOp}
 * under the four-image kernel for 13 minutes was seen once. One loop each
 * keeps every unit well below the limit, and a loop that one kind of call
 * never reaches does not send the others back to be compiled again. The
 * L2 kernel {@link #dotsPanels} is split the same way.
 * </p>
 */
public final class VectorKernel implements ColumnKernel {

	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
	private static final int L = S.length();

	/**
	 * Whether the kernels keep to 16 vector registers: {@link #dotsPanels} takes
	 * each group of twelve images as two halves of six, and {@link #w1Quad}
	 * starts at two vectors of candidates (8 sums) instead of four (16).
	 */
	private final boolean fewRegisters;

	/**
	 * The kernels for this machine: kept to 16 vector registers below 512-bit
	 * vectors, where the hardware has 16 (AVX2) rather than 32 (AVX-512).
	 */
	public VectorKernel() {
		this(S.vectorBitSize() < 512);
	}

	/** @param fewRegisters whether the kernels keep to 16 vector registers */
	VectorKernel(final boolean fewRegisters) {
		this.fewRegisters = fewRegisters;
	}

	@Override
	public int w1(final float[] e, final float[][] columns, final int from, final int to,
		final float[] acc, final int r0, final int r1)
	{
		// methods of one loop each, so that C2 compiles each loop on its own (see the class doc)
		int r = w1Eight(e, columns, from, to, acc, r0, r1);
		r = w1Four(e, columns, from, to, acc, r, r1);
		return w1One(e, columns, from, to, acc, r, r1);
	}

	/** {@link #w1} eight vectors of candidates at a time; returns where it stopped. */
	private static int w1Eight(final float[] e, final float[][] columns, final int from,
		final int to, final float[] acc, final int r0, final int r1)
	{
		int r = r0;
		for (; r + 8 * L <= r1; r += 8 * L) {
			FloatVector s0 = FloatVector.fromArray(S, acc, r);
			FloatVector s1 = FloatVector.fromArray(S, acc, r + L);
			FloatVector s2 = FloatVector.fromArray(S, acc, r + 2 * L);
			FloatVector s3 = FloatVector.fromArray(S, acc, r + 3 * L);
			FloatVector s4 = FloatVector.fromArray(S, acc, r + 4 * L);
			FloatVector s5 = FloatVector.fromArray(S, acc, r + 5 * L);
			FloatVector s6 = FloatVector.fromArray(S, acc, r + 6 * L);
			FloatVector s7 = FloatVector.fromArray(S, acc, r + 7 * L);
			for (int i = from; i < to; i++) {
				final float[] c = columns[i];
				final FloatVector v = FloatVector.broadcast(S, e[i]);
				s0 = s0.add(v.sub(FloatVector.fromArray(S, c, r)).abs());
				s1 = s1.add(v.sub(FloatVector.fromArray(S, c, r + L)).abs());
				s2 = s2.add(v.sub(FloatVector.fromArray(S, c, r + 2 * L)).abs());
				s3 = s3.add(v.sub(FloatVector.fromArray(S, c, r + 3 * L)).abs());
				s4 = s4.add(v.sub(FloatVector.fromArray(S, c, r + 4 * L)).abs());
				s5 = s5.add(v.sub(FloatVector.fromArray(S, c, r + 5 * L)).abs());
				s6 = s6.add(v.sub(FloatVector.fromArray(S, c, r + 6 * L)).abs());
				s7 = s7.add(v.sub(FloatVector.fromArray(S, c, r + 7 * L)).abs());
			}
			s0.intoArray(acc, r);
			s1.intoArray(acc, r + L);
			s2.intoArray(acc, r + 2 * L);
			s3.intoArray(acc, r + 3 * L);
			s4.intoArray(acc, r + 4 * L);
			s5.intoArray(acc, r + 5 * L);
			s6.intoArray(acc, r + 6 * L);
			s7.intoArray(acc, r + 7 * L);
		}
		return r;
	}

	/** {@link #w1} four vectors of candidates at a time; returns where it stopped. */
	private static int w1Four(final float[] e, final float[][] columns, final int from,
		final int to, final float[] acc, final int r0, final int r1)
	{
		int r = r0;
		for (; r + 4 * L <= r1; r += 4 * L) {
			FloatVector s0 = FloatVector.fromArray(S, acc, r);
			FloatVector s1 = FloatVector.fromArray(S, acc, r + L);
			FloatVector s2 = FloatVector.fromArray(S, acc, r + 2 * L);
			FloatVector s3 = FloatVector.fromArray(S, acc, r + 3 * L);
			for (int i = from; i < to; i++) {
				final float[] c = columns[i];
				final FloatVector v = FloatVector.broadcast(S, e[i]);
				s0 = s0.add(v.sub(FloatVector.fromArray(S, c, r)).abs());
				s1 = s1.add(v.sub(FloatVector.fromArray(S, c, r + L)).abs());
				s2 = s2.add(v.sub(FloatVector.fromArray(S, c, r + 2 * L)).abs());
				s3 = s3.add(v.sub(FloatVector.fromArray(S, c, r + 3 * L)).abs());
			}
			s0.intoArray(acc, r);
			s1.intoArray(acc, r + L);
			s2.intoArray(acc, r + 2 * L);
			s3.intoArray(acc, r + 3 * L);
		}
		return r;
	}

	/** {@link #w1} one vector of candidates at a time; returns where it stopped. */
	private static int w1One(final float[] e, final float[][] columns, final int from,
		final int to, final float[] acc, final int r0, final int r1)
	{
		int r = r0;
		for (; r + L <= r1; r += L) {
			FloatVector s = FloatVector.fromArray(S, acc, r);
			for (int i = from; i < to; i++)
				s = s.add(FloatVector.broadcast(S, e[i]).sub(FloatVector.fromArray(S, columns[i], r)).abs());
			s.intoArray(acc, r);
		}
		return r;
	}

	/**
	 * Runs of at least {@value #SHARED} consecutive groups with the same
	 * candidates (the caller sorts them so) go to {@link #w1Shared}, which
	 * loads each candidate vector once for eight images; the others to
	 * {@link #w1Slots}.
	 */
	@Override
	public int w1Groups(final float[][] es, final int[] r0s, final int count, final int lanes,
		final float[][] columns, final int from, final int to, final float[] acc)
	{
		if (lanes % L != 0) return 0;
		int pending = 0; // groups [pending, p) wait for w1Slots
		for (int p = 0; p < count;) {
			int q = p + 1;
			while (q < count && r0s[q] == r0s[p])
				q++;
			if (q - p >= SHARED) {
				if (pending < p) w1Slots(es, r0s, pending, p, lanes, columns, from, to, acc);
				for (int v = 0; v < lanes; v += L)
					w1Shared(es, p, q, r0s[p] + v, lanes, v, columns, from, to, acc);
				pending = q;
			}
			p = q;
		}
		if (pending < count) w1Slots(es, r0s, pending, count, lanes, columns, from, to, acc);
		return count;
	}

	/** {@link #w1Groups} takes runs of at least this many groups with the same candidates together. */
	static final int SHARED = 3;

	/**
	 * Groups p0 .. p1 − 1, which all have the candidates [r0, r0 + L) at lane
	 * offset v of their sums ({@code acc[p·lanes + v ..]}): eight, then four,
	 * then one group at a time, each candidate vector loaded once per element
	 * for all of them.
	 */
	private static void w1Shared(final float[][] es, final int p0, final int p1, final int r0,
		final int lanes, final int v, final float[][] columns, final int from, final int to,
		final float[] acc)
	{
		int p = sharedEight(es, p0, p1, r0, lanes, v, columns, from, to, acc);
		p = sharedFour(es, p, p1, r0, lanes, v, columns, from, to, acc);
		sharedOne(es, p, p1, r0, lanes, v, columns, from, to, acc);
	}

	/** {@link #w1Shared} eight groups at a time; returns where it stopped. */
	private static int sharedEight(final float[][] es, final int p0, final int p1, final int r0,
		final int lanes, final int v, final float[][] columns, final int from, final int to,
		final float[] acc)
	{
		int p = p0;
		for (; p + 8 <= p1; p += 8) {
			final float[] e0 = es[p + 0];
			FloatVector a0 = FloatVector.fromArray(S, acc, (p + 0) * lanes + v);
			final float[] e1 = es[p + 1];
			FloatVector a1 = FloatVector.fromArray(S, acc, (p + 1) * lanes + v);
			final float[] e2 = es[p + 2];
			FloatVector a2 = FloatVector.fromArray(S, acc, (p + 2) * lanes + v);
			final float[] e3 = es[p + 3];
			FloatVector a3 = FloatVector.fromArray(S, acc, (p + 3) * lanes + v);
			final float[] e4 = es[p + 4];
			FloatVector a4 = FloatVector.fromArray(S, acc, (p + 4) * lanes + v);
			final float[] e5 = es[p + 5];
			FloatVector a5 = FloatVector.fromArray(S, acc, (p + 5) * lanes + v);
			final float[] e6 = es[p + 6];
			FloatVector a6 = FloatVector.fromArray(S, acc, (p + 6) * lanes + v);
			final float[] e7 = es[p + 7];
			FloatVector a7 = FloatVector.fromArray(S, acc, (p + 7) * lanes + v);
			for (int i = from; i < to; i++) {
				final FloatVector b = FloatVector.fromArray(S, columns[i], r0);
				a0 = a0.add(FloatVector.broadcast(S, e0[i]).sub(b).abs());
				a1 = a1.add(FloatVector.broadcast(S, e1[i]).sub(b).abs());
				a2 = a2.add(FloatVector.broadcast(S, e2[i]).sub(b).abs());
				a3 = a3.add(FloatVector.broadcast(S, e3[i]).sub(b).abs());
				a4 = a4.add(FloatVector.broadcast(S, e4[i]).sub(b).abs());
				a5 = a5.add(FloatVector.broadcast(S, e5[i]).sub(b).abs());
				a6 = a6.add(FloatVector.broadcast(S, e6[i]).sub(b).abs());
				a7 = a7.add(FloatVector.broadcast(S, e7[i]).sub(b).abs());
			}
			a0.intoArray(acc, (p + 0) * lanes + v);
			a1.intoArray(acc, (p + 1) * lanes + v);
			a2.intoArray(acc, (p + 2) * lanes + v);
			a3.intoArray(acc, (p + 3) * lanes + v);
			a4.intoArray(acc, (p + 4) * lanes + v);
			a5.intoArray(acc, (p + 5) * lanes + v);
			a6.intoArray(acc, (p + 6) * lanes + v);
			a7.intoArray(acc, (p + 7) * lanes + v);
		}
		return p;
	}

	/** {@link #w1Shared} four groups at a time; returns where it stopped. */
	private static int sharedFour(final float[][] es, final int p0, final int p1, final int r0,
		final int lanes, final int v, final float[][] columns, final int from, final int to,
		final float[] acc)
	{
		int p = p0;
		for (; p + 4 <= p1; p += 4) {
			final float[] e0 = es[p + 0];
			FloatVector a0 = FloatVector.fromArray(S, acc, (p + 0) * lanes + v);
			final float[] e1 = es[p + 1];
			FloatVector a1 = FloatVector.fromArray(S, acc, (p + 1) * lanes + v);
			final float[] e2 = es[p + 2];
			FloatVector a2 = FloatVector.fromArray(S, acc, (p + 2) * lanes + v);
			final float[] e3 = es[p + 3];
			FloatVector a3 = FloatVector.fromArray(S, acc, (p + 3) * lanes + v);
			for (int i = from; i < to; i++) {
				final FloatVector b = FloatVector.fromArray(S, columns[i], r0);
				a0 = a0.add(FloatVector.broadcast(S, e0[i]).sub(b).abs());
				a1 = a1.add(FloatVector.broadcast(S, e1[i]).sub(b).abs());
				a2 = a2.add(FloatVector.broadcast(S, e2[i]).sub(b).abs());
				a3 = a3.add(FloatVector.broadcast(S, e3[i]).sub(b).abs());
			}
			a0.intoArray(acc, (p + 0) * lanes + v);
			a1.intoArray(acc, (p + 1) * lanes + v);
			a2.intoArray(acc, (p + 2) * lanes + v);
			a3.intoArray(acc, (p + 3) * lanes + v);
		}
		return p;
	}

	/** {@link #w1Shared} one group at a time. */
	private static void sharedOne(final float[][] es, final int p0, final int p1, final int r0,
		final int lanes, final int v, final float[][] columns, final int from, final int to,
		final float[] acc)
	{
		int p = p0;
		for (; p < p1; p++) {
			final float[] e0 = es[p];
			FloatVector a0 = FloatVector.fromArray(S, acc, p * lanes + v);
			for (int i = from; i < to; i++)
				a0 = a0.add(FloatVector.broadcast(S, e0[i]).sub(FloatVector.fromArray(S, columns[i], r0)).abs());
			a0.intoArray(acc, p * lanes + v);
		}
	}

	/**
	 * Groups p0 .. p1 − 1 with any candidates: eight vectors of candidates
	 * (slots) at a time, each with its own image element.
	 */
	private static void w1Slots(final float[][] es, final int[] r0s, final int p0, final int p1,
		final int lanes, final float[][] columns, final int from, final int to, final float[] acc)
	{
		// slot s: vector s % per of group s / per; its sums are at acc[s·L ..)
		final int per = lanes / L, slots = p1 * per;
		int s = slotsEight(es, r0s, p0 * per, slots, per, columns, from, to, acc);
		s = slotsFour(es, r0s, s, slots, per, columns, from, to, acc);
		slotsOne(es, r0s, s, slots, per, columns, from, to, acc);
	}

	/** {@link #w1Slots} eight slots at a time; returns where it stopped. */
	private static int slotsEight(final float[][] es, final int[] r0s, final int s0, final int slots,
		final int per, final float[][] columns, final int from, final int to, final float[] acc)
	{
		int s = s0;
		for (; s + 8 <= slots; s += 8) {
			final float[] e0 = es[s / per];
			final int o0 = r0s[s / per] + s % per * L;
			FloatVector a0 = FloatVector.fromArray(S, acc, s * L);
			final float[] e1 = es[(s + 1) / per];
			final int o1 = r0s[(s + 1) / per] + (s + 1) % per * L;
			FloatVector a1 = FloatVector.fromArray(S, acc, (s + 1) * L);
			final float[] e2 = es[(s + 2) / per];
			final int o2 = r0s[(s + 2) / per] + (s + 2) % per * L;
			FloatVector a2 = FloatVector.fromArray(S, acc, (s + 2) * L);
			final float[] e3 = es[(s + 3) / per];
			final int o3 = r0s[(s + 3) / per] + (s + 3) % per * L;
			FloatVector a3 = FloatVector.fromArray(S, acc, (s + 3) * L);
			final float[] e4 = es[(s + 4) / per];
			final int o4 = r0s[(s + 4) / per] + (s + 4) % per * L;
			FloatVector a4 = FloatVector.fromArray(S, acc, (s + 4) * L);
			final float[] e5 = es[(s + 5) / per];
			final int o5 = r0s[(s + 5) / per] + (s + 5) % per * L;
			FloatVector a5 = FloatVector.fromArray(S, acc, (s + 5) * L);
			final float[] e6 = es[(s + 6) / per];
			final int o6 = r0s[(s + 6) / per] + (s + 6) % per * L;
			FloatVector a6 = FloatVector.fromArray(S, acc, (s + 6) * L);
			final float[] e7 = es[(s + 7) / per];
			final int o7 = r0s[(s + 7) / per] + (s + 7) % per * L;
			FloatVector a7 = FloatVector.fromArray(S, acc, (s + 7) * L);
			for (int i = from; i < to; i++) {
				final float[] c = columns[i];
				a0 = a0.add(FloatVector.broadcast(S, e0[i]).sub(FloatVector.fromArray(S, c, o0)).abs());
				a1 = a1.add(FloatVector.broadcast(S, e1[i]).sub(FloatVector.fromArray(S, c, o1)).abs());
				a2 = a2.add(FloatVector.broadcast(S, e2[i]).sub(FloatVector.fromArray(S, c, o2)).abs());
				a3 = a3.add(FloatVector.broadcast(S, e3[i]).sub(FloatVector.fromArray(S, c, o3)).abs());
				a4 = a4.add(FloatVector.broadcast(S, e4[i]).sub(FloatVector.fromArray(S, c, o4)).abs());
				a5 = a5.add(FloatVector.broadcast(S, e5[i]).sub(FloatVector.fromArray(S, c, o5)).abs());
				a6 = a6.add(FloatVector.broadcast(S, e6[i]).sub(FloatVector.fromArray(S, c, o6)).abs());
				a7 = a7.add(FloatVector.broadcast(S, e7[i]).sub(FloatVector.fromArray(S, c, o7)).abs());
			}
			a0.intoArray(acc, s * L);
			a1.intoArray(acc, (s + 1) * L);
			a2.intoArray(acc, (s + 2) * L);
			a3.intoArray(acc, (s + 3) * L);
			a4.intoArray(acc, (s + 4) * L);
			a5.intoArray(acc, (s + 5) * L);
			a6.intoArray(acc, (s + 6) * L);
			a7.intoArray(acc, (s + 7) * L);
		}
		return s;
	}

	/** {@link #w1Slots} four slots at a time; returns where it stopped. */
	private static int slotsFour(final float[][] es, final int[] r0s, final int s0, final int slots,
		final int per, final float[][] columns, final int from, final int to, final float[] acc)
	{
		int s = s0;
		for (; s + 4 <= slots; s += 4) {
			final float[] e0 = es[s / per];
			final int o0 = r0s[s / per] + s % per * L;
			FloatVector a0 = FloatVector.fromArray(S, acc, s * L);
			final float[] e1 = es[(s + 1) / per];
			final int o1 = r0s[(s + 1) / per] + (s + 1) % per * L;
			FloatVector a1 = FloatVector.fromArray(S, acc, (s + 1) * L);
			final float[] e2 = es[(s + 2) / per];
			final int o2 = r0s[(s + 2) / per] + (s + 2) % per * L;
			FloatVector a2 = FloatVector.fromArray(S, acc, (s + 2) * L);
			final float[] e3 = es[(s + 3) / per];
			final int o3 = r0s[(s + 3) / per] + (s + 3) % per * L;
			FloatVector a3 = FloatVector.fromArray(S, acc, (s + 3) * L);
			for (int i = from; i < to; i++) {
				final float[] c = columns[i];
				a0 = a0.add(FloatVector.broadcast(S, e0[i]).sub(FloatVector.fromArray(S, c, o0)).abs());
				a1 = a1.add(FloatVector.broadcast(S, e1[i]).sub(FloatVector.fromArray(S, c, o1)).abs());
				a2 = a2.add(FloatVector.broadcast(S, e2[i]).sub(FloatVector.fromArray(S, c, o2)).abs());
				a3 = a3.add(FloatVector.broadcast(S, e3[i]).sub(FloatVector.fromArray(S, c, o3)).abs());
			}
			a0.intoArray(acc, s * L);
			a1.intoArray(acc, (s + 1) * L);
			a2.intoArray(acc, (s + 2) * L);
			a3.intoArray(acc, (s + 3) * L);
		}
		return s;
	}

	/** {@link #w1Slots} one slot at a time. */
	private static void slotsOne(final float[][] es, final int[] r0s, final int s0, final int slots,
		final int per, final float[][] columns, final int from, final int to, final float[] acc)
	{
		int s = s0;
		for (; s < slots; s += 1) {
			final float[] e0 = es[s / per];
			final int o0 = r0s[s / per] + s % per * L;
			FloatVector a0 = FloatVector.fromArray(S, acc, s * L);
			for (int i = from; i < to; i++) {
				final float[] c = columns[i];
				a0 = a0.add(FloatVector.broadcast(S, e0[i]).sub(FloatVector.fromArray(S, c, o0)).abs());
			}
			a0.intoArray(acc, s * L);
		}
	}

	/**
	 * Four images against 4, 2 or 1 vectors of candidates at a time, all 16
	 * sums in registers for the whole element range: each candidate vector
	 * loaded serves four images. In a microbenchmark on one core of the
	 * AVX-512 build machine this ran at about 33·10⁹ terms per second, where
	 * {@link #w1} (one image against eight vectors) ran at about 21.
	 * <p>
	 * Four vectors of candidates take 16 sums, four candidate vectors and a
	 * broadcast, 21 registers: more than AVX2's 16. With few registers the
	 * kernel starts at two vectors (8 sums, 11 registers). (In a
	 * microbenchmark on one core of the Zen 3 machine, four images against
	 * 208 candidates over 256 elements, 8.2–11.6·10⁹ terms per second
	 * starting at two vectors against 7.0–8.7·10⁹ at four; in the paper's
	 * benchmark, three pairs of runs, the iterations took 16.4–19.3 s against
	 * 16.3–21.5 s, within the machine's spread.)
	 * </p>
	 */
	@Override
	public int w1Quad(final float[][] es, final float[][] columns, final int from, final int to,
		final float[][] accs, final int r0, final int r1)
	{
		if (es.length != 4 || accs.length != 4) return r0;
		int r = fewRegisters ? r0 : quadFour(es, columns, from, to, accs, r0, r1);
		r = quadTwo(es, columns, from, to, accs, r, r1);
		return quadOne(es, columns, from, to, accs, r, r1);
	}

	/** {@link #w1Quad} four vectors of candidates at a time; returns where it stopped. */
	private static int quadFour(final float[][] es, final float[][] columns, final int from,
		final int to, final float[][] accs, final int r0, final int r1)
	{
		final float[] e0 = es[0], e1 = es[1], e2 = es[2], e3 = es[3];
		final float[] a0 = accs[0], a1 = accs[1], a2 = accs[2], a3 = accs[3];
		int r = r0;
		for (; r + 4 * L <= r1; r += 4 * L) {
			FloatVector s00 = FloatVector.fromArray(S, a0, r);
			FloatVector s01 = FloatVector.fromArray(S, a0, r + L);
			FloatVector s02 = FloatVector.fromArray(S, a0, r + 2 * L);
			FloatVector s03 = FloatVector.fromArray(S, a0, r + 3 * L);
			FloatVector s10 = FloatVector.fromArray(S, a1, r);
			FloatVector s11 = FloatVector.fromArray(S, a1, r + L);
			FloatVector s12 = FloatVector.fromArray(S, a1, r + 2 * L);
			FloatVector s13 = FloatVector.fromArray(S, a1, r + 3 * L);
			FloatVector s20 = FloatVector.fromArray(S, a2, r);
			FloatVector s21 = FloatVector.fromArray(S, a2, r + L);
			FloatVector s22 = FloatVector.fromArray(S, a2, r + 2 * L);
			FloatVector s23 = FloatVector.fromArray(S, a2, r + 3 * L);
			FloatVector s30 = FloatVector.fromArray(S, a3, r);
			FloatVector s31 = FloatVector.fromArray(S, a3, r + L);
			FloatVector s32 = FloatVector.fromArray(S, a3, r + 2 * L);
			FloatVector s33 = FloatVector.fromArray(S, a3, r + 3 * L);
			for (int i = from; i < to; i++) {
				final float[] c = columns[i];
				final FloatVector b0 = FloatVector.fromArray(S, c, r);
				final FloatVector b1 = FloatVector.fromArray(S, c, r + L);
				final FloatVector b2 = FloatVector.fromArray(S, c, r + 2 * L);
				final FloatVector b3 = FloatVector.fromArray(S, c, r + 3 * L);
				final FloatVector v0 = FloatVector.broadcast(S, e0[i]);
				s00 = s00.add(v0.sub(b0).abs());
				s01 = s01.add(v0.sub(b1).abs());
				s02 = s02.add(v0.sub(b2).abs());
				s03 = s03.add(v0.sub(b3).abs());
				final FloatVector v1 = FloatVector.broadcast(S, e1[i]);
				s10 = s10.add(v1.sub(b0).abs());
				s11 = s11.add(v1.sub(b1).abs());
				s12 = s12.add(v1.sub(b2).abs());
				s13 = s13.add(v1.sub(b3).abs());
				final FloatVector v2 = FloatVector.broadcast(S, e2[i]);
				s20 = s20.add(v2.sub(b0).abs());
				s21 = s21.add(v2.sub(b1).abs());
				s22 = s22.add(v2.sub(b2).abs());
				s23 = s23.add(v2.sub(b3).abs());
				final FloatVector v3 = FloatVector.broadcast(S, e3[i]);
				s30 = s30.add(v3.sub(b0).abs());
				s31 = s31.add(v3.sub(b1).abs());
				s32 = s32.add(v3.sub(b2).abs());
				s33 = s33.add(v3.sub(b3).abs());
			}
			s00.intoArray(a0, r);
			s01.intoArray(a0, r + L);
			s02.intoArray(a0, r + 2 * L);
			s03.intoArray(a0, r + 3 * L);
			s10.intoArray(a1, r);
			s11.intoArray(a1, r + L);
			s12.intoArray(a1, r + 2 * L);
			s13.intoArray(a1, r + 3 * L);
			s20.intoArray(a2, r);
			s21.intoArray(a2, r + L);
			s22.intoArray(a2, r + 2 * L);
			s23.intoArray(a2, r + 3 * L);
			s30.intoArray(a3, r);
			s31.intoArray(a3, r + L);
			s32.intoArray(a3, r + 2 * L);
			s33.intoArray(a3, r + 3 * L);
		}
		return r;
	}

	/** {@link #w1Quad} two vectors of candidates at a time; returns where it stopped. */
	private static int quadTwo(final float[][] es, final float[][] columns, final int from,
		final int to, final float[][] accs, final int r0, final int r1)
	{
		final float[] e0 = es[0], e1 = es[1], e2 = es[2], e3 = es[3];
		final float[] a0 = accs[0], a1 = accs[1], a2 = accs[2], a3 = accs[3];
		int r = r0;
		for (; r + 2 * L <= r1; r += 2 * L) {
			FloatVector s00 = FloatVector.fromArray(S, a0, r);
			FloatVector s01 = FloatVector.fromArray(S, a0, r + L);
			FloatVector s10 = FloatVector.fromArray(S, a1, r);
			FloatVector s11 = FloatVector.fromArray(S, a1, r + L);
			FloatVector s20 = FloatVector.fromArray(S, a2, r);
			FloatVector s21 = FloatVector.fromArray(S, a2, r + L);
			FloatVector s30 = FloatVector.fromArray(S, a3, r);
			FloatVector s31 = FloatVector.fromArray(S, a3, r + L);
			for (int i = from; i < to; i++) {
				final float[] c = columns[i];
				final FloatVector b0 = FloatVector.fromArray(S, c, r);
				final FloatVector b1 = FloatVector.fromArray(S, c, r + L);
				final FloatVector v0 = FloatVector.broadcast(S, e0[i]);
				s00 = s00.add(v0.sub(b0).abs());
				s01 = s01.add(v0.sub(b1).abs());
				final FloatVector v1 = FloatVector.broadcast(S, e1[i]);
				s10 = s10.add(v1.sub(b0).abs());
				s11 = s11.add(v1.sub(b1).abs());
				final FloatVector v2 = FloatVector.broadcast(S, e2[i]);
				s20 = s20.add(v2.sub(b0).abs());
				s21 = s21.add(v2.sub(b1).abs());
				final FloatVector v3 = FloatVector.broadcast(S, e3[i]);
				s30 = s30.add(v3.sub(b0).abs());
				s31 = s31.add(v3.sub(b1).abs());
			}
			s00.intoArray(a0, r);
			s01.intoArray(a0, r + L);
			s10.intoArray(a1, r);
			s11.intoArray(a1, r + L);
			s20.intoArray(a2, r);
			s21.intoArray(a2, r + L);
			s30.intoArray(a3, r);
			s31.intoArray(a3, r + L);
		}
		return r;
	}

	/** {@link #w1Quad} one vector of candidates at a time; returns where it stopped. */
	private static int quadOne(final float[][] es, final float[][] columns, final int from,
		final int to, final float[][] accs, final int r0, final int r1)
	{
		final float[] e0 = es[0], e1 = es[1], e2 = es[2], e3 = es[3];
		final float[] a0 = accs[0], a1 = accs[1], a2 = accs[2], a3 = accs[3];
		int r = r0;
		for (; r + L <= r1; r += L) {
			FloatVector s00 = FloatVector.fromArray(S, a0, r);
			FloatVector s10 = FloatVector.fromArray(S, a1, r);
			FloatVector s20 = FloatVector.fromArray(S, a2, r);
			FloatVector s30 = FloatVector.fromArray(S, a3, r);
			for (int i = from; i < to; i++) {
				final float[] c = columns[i];
				final FloatVector b0 = FloatVector.fromArray(S, c, r);
				final FloatVector v0 = FloatVector.broadcast(S, e0[i]);
				s00 = s00.add(v0.sub(b0).abs());
				final FloatVector v1 = FloatVector.broadcast(S, e1[i]);
				s10 = s10.add(v1.sub(b0).abs());
				final FloatVector v2 = FloatVector.broadcast(S, e2[i]);
				s20 = s20.add(v2.sub(b0).abs());
				final FloatVector v3 = FloatVector.broadcast(S, e3[i]);
				s30 = s30.add(v3.sub(b0).abs());
			}
			s00.intoArray(a0, r);
			s10.intoArray(a1, r);
			s20.intoArray(a2, r);
			s30.intoArray(a3, r);
		}
		return r;
	}

	@Override
	public int panelWidth() {
		return 2 * L;
	}

	/**
	 * The L2 screen's inner products: twelve images against two vectors of
	 * candidates (one panel) at a time, then one vector, all 24 sums in
	 * registers from zero for the whole element range, then added to
	 * {@code out}: each candidate vector loaded serves twelve images. The loop
	 * over the groups of twelve images is inside the loop over the panels, so
	 * each panel's block (for 256 elements and 512-bit vectors, 32 KB) is read
	 * for every group while it is in L1 or L2; the loop over panels inside
	 * that over groups read the whole block of candidates (about 400 KB at the
	 * paper's workload) from L2 for every group (stop 21, on a 2-core Xeon:
	 * 1.2–1.3 times as many multiply-adds per second this way). A panel is
	 * laid out as the scratch array into which stop 21's kernel copied each
	 * pair of vectors from the columns before the groups, so the search now
	 * fills it once per batch and the copy is gone (stop 25; see the README).
	 * <p>
	 * Twelve images take 24 sums, two candidate vectors and a broadcast: 27
	 * vector registers. AVX-512 has 32; with AVX2's 16 the sums spill to the
	 * stack on every element. So below 512-bit vectors each group is done in
	 * two halves of six images ({@link #dotsSix}, 15 registers), which read
	 * the panel twice. (In a microbenchmark on one core of a 2-core AMD EPYC of
	 * the Zen 3 generation, AVX2, 42 groups against 400 or 64 candidates in
	 * blocks of 256 elements, each way timed 25 times in its own JVM, twice:
	 * 23.0–23.4·10⁹ multiply-adds per second in halves, 13.0–14.5·10⁹ in
	 * twelves.)
	 * </p>
	 */
	@Override
	public int dotsPanels(final float[][][] groups, final int count, final float[][] panels,
		final int from, final int to, final float[][] outs, final int stride, final int r0,
		final int r1)
	{
		for (int g = 0; g < count; g++)
			if (groups[g].length != InnerProducts.ROWS) return r0;
		final int w = 2 * L;
		int r = r0;
		for (; r % w == 0 && r + w <= r1; r += w) {
			final float[] panel = panels[r / w];
			if (fewRegisters) for (int g = 0; g < count; g++) {
				dotsSix(groups[g], 0, panel, from * w, from, to, outs[g], stride, r);
				dotsSix(groups[g], 6, panel, from * w, from, to, outs[g], stride, r);
			}
			else for (int g = 0; g < count; g++)
				dotsTwo(groups[g], panel, from * w, from, to, outs[g], stride, r);
		}
		// (a method of its own: see the class doc)
		int end = r;
		for (int g = 0; g < count; g++)
			end = dotsHalf(groups[g], panels, from, to, outs[g], stride, r, r1);
		return end;
	}

	/**
	 * {@link #dotsPanels} one vector of candidates at a time, each from its
	 * panel at the lane where it starts; returns where it stopped.
	 */
	private static int dotsHalf(final float[][] es, final float[][] panels, final int from,
		final int to, final float[] out, final int stride, final int r0, final int r1)
	{
		final float[] e0 = es[0];
		final float[] e1 = es[1];
		final float[] e2 = es[2];
		final float[] e3 = es[3];
		final float[] e4 = es[4];
		final float[] e5 = es[5];
		final float[] e6 = es[6];
		final float[] e7 = es[7];
		final float[] e8 = es[8];
		final float[] e9 = es[9];
		final float[] e10 = es[10];
		final float[] e11 = es[11];
		final int o1 = 1 * stride;
		final int o2 = 2 * stride;
		final int o3 = 3 * stride;
		final int o4 = 4 * stride;
		final int o5 = 5 * stride;
		final int o6 = 6 * stride;
		final int o7 = 7 * stride;
		final int o8 = 8 * stride;
		final int o9 = 9 * stride;
		final int o10 = 10 * stride;
		final int o11 = 11 * stride;
		final int w = 2 * L;
		int r = r0;
		for (; r + L <= r1 && r % w + L <= w; r += L) {
			final float[] panel = panels[r / w];
			FloatVector s0_0 = FloatVector.zero(S);
			FloatVector s1_0 = FloatVector.zero(S);
			FloatVector s2_0 = FloatVector.zero(S);
			FloatVector s3_0 = FloatVector.zero(S);
			FloatVector s4_0 = FloatVector.zero(S);
			FloatVector s5_0 = FloatVector.zero(S);
			FloatVector s6_0 = FloatVector.zero(S);
			FloatVector s7_0 = FloatVector.zero(S);
			FloatVector s8_0 = FloatVector.zero(S);
			FloatVector s9_0 = FloatVector.zero(S);
			FloatVector s10_0 = FloatVector.zero(S);
			FloatVector s11_0 = FloatVector.zero(S);
			for (int i = from, p = from * w + r % w; i < to; i++, p += w) {
				final FloatVector b0 = FloatVector.fromArray(S, panel, p);
				final FloatVector v0 = FloatVector.broadcast(S, e0[i]);
				s0_0 = b0.fma(v0, s0_0);
				final FloatVector v1 = FloatVector.broadcast(S, e1[i]);
				s1_0 = b0.fma(v1, s1_0);
				final FloatVector v2 = FloatVector.broadcast(S, e2[i]);
				s2_0 = b0.fma(v2, s2_0);
				final FloatVector v3 = FloatVector.broadcast(S, e3[i]);
				s3_0 = b0.fma(v3, s3_0);
				final FloatVector v4 = FloatVector.broadcast(S, e4[i]);
				s4_0 = b0.fma(v4, s4_0);
				final FloatVector v5 = FloatVector.broadcast(S, e5[i]);
				s5_0 = b0.fma(v5, s5_0);
				final FloatVector v6 = FloatVector.broadcast(S, e6[i]);
				s6_0 = b0.fma(v6, s6_0);
				final FloatVector v7 = FloatVector.broadcast(S, e7[i]);
				s7_0 = b0.fma(v7, s7_0);
				final FloatVector v8 = FloatVector.broadcast(S, e8[i]);
				s8_0 = b0.fma(v8, s8_0);
				final FloatVector v9 = FloatVector.broadcast(S, e9[i]);
				s9_0 = b0.fma(v9, s9_0);
				final FloatVector v10 = FloatVector.broadcast(S, e10[i]);
				s10_0 = b0.fma(v10, s10_0);
				final FloatVector v11 = FloatVector.broadcast(S, e11[i]);
				s11_0 = b0.fma(v11, s11_0);
			}
			s0_0.add(FloatVector.fromArray(S, out, r)).intoArray(out, r);
			s1_0.add(FloatVector.fromArray(S, out, o1 + r)).intoArray(out, o1 + r);
			s2_0.add(FloatVector.fromArray(S, out, o2 + r)).intoArray(out, o2 + r);
			s3_0.add(FloatVector.fromArray(S, out, o3 + r)).intoArray(out, o3 + r);
			s4_0.add(FloatVector.fromArray(S, out, o4 + r)).intoArray(out, o4 + r);
			s5_0.add(FloatVector.fromArray(S, out, o5 + r)).intoArray(out, o5 + r);
			s6_0.add(FloatVector.fromArray(S, out, o6 + r)).intoArray(out, o6 + r);
			s7_0.add(FloatVector.fromArray(S, out, o7 + r)).intoArray(out, o7 + r);
			s8_0.add(FloatVector.fromArray(S, out, o8 + r)).intoArray(out, o8 + r);
			s9_0.add(FloatVector.fromArray(S, out, o9 + r)).intoArray(out, o9 + r);
			s10_0.add(FloatVector.fromArray(S, out, o10 + r)).intoArray(out, o10 + r);
			s11_0.add(FloatVector.fromArray(S, out, o11 + r)).intoArray(out, o11 + r);
		}
		return r;
	}

	/**
	 * {@link #dotsPanels} for the two vectors of candidates from r: their
	 * elements from, from + 1, … side by side in {@code panel} from p0.
	 */
	private static void dotsTwo(final float[][] es, final float[] panel, final int p0,
		final int from, final int to, final float[] out, final int stride, final int r)
	{
		final float[] e0 = es[0];
		final float[] e1 = es[1];
		final float[] e2 = es[2];
		final float[] e3 = es[3];
		final float[] e4 = es[4];
		final float[] e5 = es[5];
		final float[] e6 = es[6];
		final float[] e7 = es[7];
		final float[] e8 = es[8];
		final float[] e9 = es[9];
		final float[] e10 = es[10];
		final float[] e11 = es[11];
		final int o1 = 1 * stride;
		final int o2 = 2 * stride;
		final int o3 = 3 * stride;
		final int o4 = 4 * stride;
		final int o5 = 5 * stride;
		final int o6 = 6 * stride;
		final int o7 = 7 * stride;
		final int o8 = 8 * stride;
		final int o9 = 9 * stride;
		final int o10 = 10 * stride;
		final int o11 = 11 * stride;
		FloatVector s0_0 = FloatVector.zero(S);
		FloatVector s0_1 = FloatVector.zero(S);
		FloatVector s1_0 = FloatVector.zero(S);
		FloatVector s1_1 = FloatVector.zero(S);
		FloatVector s2_0 = FloatVector.zero(S);
		FloatVector s2_1 = FloatVector.zero(S);
		FloatVector s3_0 = FloatVector.zero(S);
		FloatVector s3_1 = FloatVector.zero(S);
		FloatVector s4_0 = FloatVector.zero(S);
		FloatVector s4_1 = FloatVector.zero(S);
		FloatVector s5_0 = FloatVector.zero(S);
		FloatVector s5_1 = FloatVector.zero(S);
		FloatVector s6_0 = FloatVector.zero(S);
		FloatVector s6_1 = FloatVector.zero(S);
		FloatVector s7_0 = FloatVector.zero(S);
		FloatVector s7_1 = FloatVector.zero(S);
		FloatVector s8_0 = FloatVector.zero(S);
		FloatVector s8_1 = FloatVector.zero(S);
		FloatVector s9_0 = FloatVector.zero(S);
		FloatVector s9_1 = FloatVector.zero(S);
		FloatVector s10_0 = FloatVector.zero(S);
		FloatVector s10_1 = FloatVector.zero(S);
		FloatVector s11_0 = FloatVector.zero(S);
		FloatVector s11_1 = FloatVector.zero(S);
		for (int i = from, p = p0; i < to; i++, p += 2 * L) {
			final FloatVector b0 = FloatVector.fromArray(S, panel, p);
			final FloatVector b1 = FloatVector.fromArray(S, panel, p + L);
			final FloatVector v0 = FloatVector.broadcast(S, e0[i]);
			s0_0 = b0.fma(v0, s0_0);
			s0_1 = b1.fma(v0, s0_1);
			final FloatVector v1 = FloatVector.broadcast(S, e1[i]);
			s1_0 = b0.fma(v1, s1_0);
			s1_1 = b1.fma(v1, s1_1);
			final FloatVector v2 = FloatVector.broadcast(S, e2[i]);
			s2_0 = b0.fma(v2, s2_0);
			s2_1 = b1.fma(v2, s2_1);
			final FloatVector v3 = FloatVector.broadcast(S, e3[i]);
			s3_0 = b0.fma(v3, s3_0);
			s3_1 = b1.fma(v3, s3_1);
			final FloatVector v4 = FloatVector.broadcast(S, e4[i]);
			s4_0 = b0.fma(v4, s4_0);
			s4_1 = b1.fma(v4, s4_1);
			final FloatVector v5 = FloatVector.broadcast(S, e5[i]);
			s5_0 = b0.fma(v5, s5_0);
			s5_1 = b1.fma(v5, s5_1);
			final FloatVector v6 = FloatVector.broadcast(S, e6[i]);
			s6_0 = b0.fma(v6, s6_0);
			s6_1 = b1.fma(v6, s6_1);
			final FloatVector v7 = FloatVector.broadcast(S, e7[i]);
			s7_0 = b0.fma(v7, s7_0);
			s7_1 = b1.fma(v7, s7_1);
			final FloatVector v8 = FloatVector.broadcast(S, e8[i]);
			s8_0 = b0.fma(v8, s8_0);
			s8_1 = b1.fma(v8, s8_1);
			final FloatVector v9 = FloatVector.broadcast(S, e9[i]);
			s9_0 = b0.fma(v9, s9_0);
			s9_1 = b1.fma(v9, s9_1);
			final FloatVector v10 = FloatVector.broadcast(S, e10[i]);
			s10_0 = b0.fma(v10, s10_0);
			s10_1 = b1.fma(v10, s10_1);
			final FloatVector v11 = FloatVector.broadcast(S, e11[i]);
			s11_0 = b0.fma(v11, s11_0);
			s11_1 = b1.fma(v11, s11_1);
		}
		s0_0.add(FloatVector.fromArray(S, out, r)).intoArray(out, r);
		s0_1.add(FloatVector.fromArray(S, out, r + L)).intoArray(out, r + L);
		s1_0.add(FloatVector.fromArray(S, out, o1 + r)).intoArray(out, o1 + r);
		s1_1.add(FloatVector.fromArray(S, out, o1 + r + L)).intoArray(out, o1 + r + L);
		s2_0.add(FloatVector.fromArray(S, out, o2 + r)).intoArray(out, o2 + r);
		s2_1.add(FloatVector.fromArray(S, out, o2 + r + L)).intoArray(out, o2 + r + L);
		s3_0.add(FloatVector.fromArray(S, out, o3 + r)).intoArray(out, o3 + r);
		s3_1.add(FloatVector.fromArray(S, out, o3 + r + L)).intoArray(out, o3 + r + L);
		s4_0.add(FloatVector.fromArray(S, out, o4 + r)).intoArray(out, o4 + r);
		s4_1.add(FloatVector.fromArray(S, out, o4 + r + L)).intoArray(out, o4 + r + L);
		s5_0.add(FloatVector.fromArray(S, out, o5 + r)).intoArray(out, o5 + r);
		s5_1.add(FloatVector.fromArray(S, out, o5 + r + L)).intoArray(out, o5 + r + L);
		s6_0.add(FloatVector.fromArray(S, out, o6 + r)).intoArray(out, o6 + r);
		s6_1.add(FloatVector.fromArray(S, out, o6 + r + L)).intoArray(out, o6 + r + L);
		s7_0.add(FloatVector.fromArray(S, out, o7 + r)).intoArray(out, o7 + r);
		s7_1.add(FloatVector.fromArray(S, out, o7 + r + L)).intoArray(out, o7 + r + L);
		s8_0.add(FloatVector.fromArray(S, out, o8 + r)).intoArray(out, o8 + r);
		s8_1.add(FloatVector.fromArray(S, out, o8 + r + L)).intoArray(out, o8 + r + L);
		s9_0.add(FloatVector.fromArray(S, out, o9 + r)).intoArray(out, o9 + r);
		s9_1.add(FloatVector.fromArray(S, out, o9 + r + L)).intoArray(out, o9 + r + L);
		s10_0.add(FloatVector.fromArray(S, out, o10 + r)).intoArray(out, o10 + r);
		s10_1.add(FloatVector.fromArray(S, out, o10 + r + L)).intoArray(out, o10 + r + L);
		s11_0.add(FloatVector.fromArray(S, out, o11 + r)).intoArray(out, o11 + r);
		s11_1.add(FloatVector.fromArray(S, out, o11 + r + L)).intoArray(out, o11 + r + L);
	}

	/**
	 * {@link #dotsTwo} for the six images es[k0] … es[k0 + 5]: 12 sums, two
	 * candidate vectors and a broadcast, 15 registers. (Each sum is the same
	 * chain as in dotsTwo, so the same bits.)
	 */
	private static void dotsSix(final float[][] es, final int k0, final float[] panel, final int p0,
		final int from, final int to, final float[] out, final int stride, final int r)
	{
		final float[] e0 = es[k0 + 0];
		final float[] e1 = es[k0 + 1];
		final float[] e2 = es[k0 + 2];
		final float[] e3 = es[k0 + 3];
		final float[] e4 = es[k0 + 4];
		final float[] e5 = es[k0 + 5];
		final int o0 = (k0 + 0) * stride;
		final int o1 = (k0 + 1) * stride;
		final int o2 = (k0 + 2) * stride;
		final int o3 = (k0 + 3) * stride;
		final int o4 = (k0 + 4) * stride;
		final int o5 = (k0 + 5) * stride;
		FloatVector s0_0 = FloatVector.zero(S);
		FloatVector s0_1 = FloatVector.zero(S);
		FloatVector s1_0 = FloatVector.zero(S);
		FloatVector s1_1 = FloatVector.zero(S);
		FloatVector s2_0 = FloatVector.zero(S);
		FloatVector s2_1 = FloatVector.zero(S);
		FloatVector s3_0 = FloatVector.zero(S);
		FloatVector s3_1 = FloatVector.zero(S);
		FloatVector s4_0 = FloatVector.zero(S);
		FloatVector s4_1 = FloatVector.zero(S);
		FloatVector s5_0 = FloatVector.zero(S);
		FloatVector s5_1 = FloatVector.zero(S);
		for (int i = from, p = p0; i < to; i++, p += 2 * L) {
			final FloatVector b0 = FloatVector.fromArray(S, panel, p);
			final FloatVector b1 = FloatVector.fromArray(S, panel, p + L);
			final FloatVector v0 = FloatVector.broadcast(S, e0[i]);
			s0_0 = b0.fma(v0, s0_0);
			s0_1 = b1.fma(v0, s0_1);
			final FloatVector v1 = FloatVector.broadcast(S, e1[i]);
			s1_0 = b0.fma(v1, s1_0);
			s1_1 = b1.fma(v1, s1_1);
			final FloatVector v2 = FloatVector.broadcast(S, e2[i]);
			s2_0 = b0.fma(v2, s2_0);
			s2_1 = b1.fma(v2, s2_1);
			final FloatVector v3 = FloatVector.broadcast(S, e3[i]);
			s3_0 = b0.fma(v3, s3_0);
			s3_1 = b1.fma(v3, s3_1);
			final FloatVector v4 = FloatVector.broadcast(S, e4[i]);
			s4_0 = b0.fma(v4, s4_0);
			s4_1 = b1.fma(v4, s4_1);
			final FloatVector v5 = FloatVector.broadcast(S, e5[i]);
			s5_0 = b0.fma(v5, s5_0);
			s5_1 = b1.fma(v5, s5_1);
		}
		s0_0.add(FloatVector.fromArray(S, out, o0 + r)).intoArray(out, o0 + r);
		s0_1.add(FloatVector.fromArray(S, out, o0 + r + L)).intoArray(out, o0 + r + L);
		s1_0.add(FloatVector.fromArray(S, out, o1 + r)).intoArray(out, o1 + r);
		s1_1.add(FloatVector.fromArray(S, out, o1 + r + L)).intoArray(out, o1 + r + L);
		s2_0.add(FloatVector.fromArray(S, out, o2 + r)).intoArray(out, o2 + r);
		s2_1.add(FloatVector.fromArray(S, out, o2 + r + L)).intoArray(out, o2 + r + L);
		s3_0.add(FloatVector.fromArray(S, out, o3 + r)).intoArray(out, o3 + r);
		s3_1.add(FloatVector.fromArray(S, out, o3 + r + L)).intoArray(out, o3 + r + L);
		s4_0.add(FloatVector.fromArray(S, out, o4 + r)).intoArray(out, o4 + r);
		s4_1.add(FloatVector.fromArray(S, out, o4 + r + L)).intoArray(out, o4 + r + L);
		s5_0.add(FloatVector.fromArray(S, out, o5 + r)).intoArray(out, o5 + r);
		s5_1.add(FloatVector.fromArray(S, out, o5 + r + L)).intoArray(out, o5 + r + L);
	}

	@Override
	public String toString() {
		return "jdk.incubator.vector, " + L + " floats per vector" + (fewRegisters
			? ", kernels for 16 registers" : "");
	}
}

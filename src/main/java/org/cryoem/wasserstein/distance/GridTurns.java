package org.cryoem.wasserstein.distance;

import org.cryoem.wasserstein.image.Rotation;

/**
 * The square pixel grid's exact quarter turns, used by the L2 screen
 * ({@link InnerProducts}) to get an image's inner products with all m rotations
 * of a centroid from the rotations by less than a quarter (or half) turn.
 * <p>
 * The candidate rotations are computed so that rotation r + q, q = m/g, is
 * rotation r followed by an exact turn Q of the pixels about the pixel centre
 * ({@link Rotation#rotate(float[], int, int, int, float[])}, g = 4 where 4
 * divides m, else 2, else 1): X<sub>r+sq</sub>(p) = X<sub>r</sub>(Q<sup>s</sup>p)
 * bit for bit, with Q(x, y) = (y, N−1−x) for g = 4 (the half turn Q² for g =
 * 2). So ⟨a, X<sub>r+sq</sub>⟩ for s = 0 … g−1 is a cyclic correlation over
 * each orbit {p, Qp, Q²p, Q³p} of the pixels. With a<sub>t</sub> =
 * a(Q<sup>t</sup>p), b<sub>t</sub> = X<sub>r</sub>(Q<sup>t</sup>p), u = a₀+a₂,
 * v = a₁+a₃, w = a₀−a₂, z = a₁−a₃ (and U, V, W, Z of b):
 * </p>
 * <pre>
 * c_s = Σ_t a_t·b_(t+s) summed over the orbits:
 * c_0 = A/4 + B/4 + (K1 − K3)/2      c_2 = A/4 + B/4 − (K1 − K3)/2
 * c_1 = A/4 − B/4 − (K1 + K2)/2      c_3 = A/4 − B/4 + (K1 + K2)/2
 * A = Σ(u+v)(U+V), B = Σ(u−v)(U−V), K1 = Σ(w+z)·W, K2 = Σw·(−Z−W), K3 = Σz·(W−Z)
 * </pre>
 * <p>
 * (K1 … K3 are Gauss's three-multiplication complex product of w + iz and W −
 * iZ.) Each of the five sums is an inner product over the L orbits of an
 * image's segment with a candidate's ({@link #image}, {@link #candidate}): five
 * multiply-adds per orbit for four rotations, where the direct inner products
 * need sixteen. For g = 2 the segments are u ± v over the orbits {p, Q²p}
 * (c<sub>0,1</sub> = (A ± B)/2), for g = 1 the plain pixels. For odd N the
 * centre pixel is its own orbit; its product is added to every c<sub>s</sub>
 * by the caller ({@link #centre}).
 * </p>
 * <p>
 * The results are not the reference's float sums, so the screen needs
 * rigorous bounds: {@link #error} bounds the rounding of the segments and of
 * their float inner products.
 * </p>
 */
public final class GridTurns {

	/** g: the turns used, 4 (quarter), 2 (half) or 1 (none). */
	private final int order;
	/** Segments per image or candidate: 5, 2 or 1. */
	private final int segments;
	/** L: orbits, the length of a segment. */
	private final int length;
	/** The element indices of orbit o's pixels p, Qp, … ({@code order} each). */
	private final int[] elements;
	/** The centre pixel's element (odd N, g &gt; 1: its own orbit), else −1. */
	private final int centre;
	/**
	 * {@code turn[s − 1][i]}: the element at the pixel Q<sup>s</sup>p of element
	 * i's pixel p (Q² for g = 2), for every element.
	 */
	private final int[][] turn;
	/** √L, rounded up. */
	private final double rootLength;
	/** Largest |coefficient| of each segment's sum in any c<sub>s</sub>. */
	private final double[] weight;

	/**
	 * u, the unit roundoff of float: each segment value is computed in double
	 * and rounded once to float.
	 */
	private static final double U = 0x1p-24;

	/**
	 * @param size edge length N
	 * @param m rotations; g is the largest of 4, 2, 1 that divides it
	 * @param pixelOf the pixel index (y·N + x) of every embedding element
	 * @param support the elements from here on are zero in every image; the
	 *          orbits cover every pixel of the elements before it
	 */
	public GridTurns(final int size, final int m, final int[] pixelOf, final int support) {
		this.order = Rotation.symmetry(m);
		this.segments = order == 4 ? 5 : order;
		final int pixels = size * size;
		final int[] elementOf = new int[pixels];
		for (int i = 0; i < pixelOf.length; i++)
			elementOf[pixelOf[i]] = i;
		final boolean[] done = new boolean[pixels];
		final int[] list = new int[support * order];
		int count = 0, mid = -1;
		final int step = 4 / order; // quarter turns from one orbit member to the next
		for (int i = 0; i < support; i++) {
			final int p = pixelOf[i];
			if (done[p]) continue;
			if (order > 1 && quarter(p, size, 2) == p) { // the centre, odd N: its own orbit
				done[p] = true;
				mid = i;
				continue;
			}
			int at = p;
			for (int t = 0; t < order; t++) {
				done[at] = true;
				list[count * order + t] = elementOf[at];
				at = quarter(at, size, step);
			}
			count++;
		}
		this.turn = new int[order - 1][pixelOf.length];
		for (int s = 1; s < order; s++)
			for (int i = 0; i < pixelOf.length; i++)
				turn[s - 1][i] = elementOf[quarter(pixelOf[i], size, s * step)];
		this.length = count;
		this.rootLength = Math.sqrt(count) * (1 + 1e-15);
		this.elements = java.util.Arrays.copyOf(list, count * order);
		this.centre = mid;
		this.weight = order == 4 ? new double[] { 0.25, 0.25, 0.5, 0.5, 0.5 } : order == 2
			? new double[] { 0.5, 0.5 } : new double[] { 1 };
	}

	/** Pixel index of Q<sup>turns</sup>(p). */
	private static int quarter(final int p, final int size, final int turns) {
		return Rotation.turned(p % size, p / size, size, turns);
	}

	/** g: the rotations r + s·m/g for s = 0 … g−1 come from rotation r's candidate. */
	public int order() {
		return order;
	}

	/** Segments per image and per candidate. */
	public int segments() {
		return segments;
	}

	/** L: the length of each segment. */
	public int length() {
		return length;
	}

	/** The centre pixel's element, which no orbit covers (odd N, g &gt; 1), else −1. */
	public int centre() {
		return centre;
	}

	/**
	 * An image's segments: {@code out[j·L + o]} for segment j and orbit o (u+v,
	 * u−v, w+z, w, z for g = 4), each computed in double and rounded once to
	 * float.
	 *
	 * @param e the image's embedding
	 */
	public void image(final float[] e, final float[] out) {
		final int n = length;
		if (order == 1) for (int o = 0; o < n; o++)
			out[o] = e[elements[o]];
		else if (order == 2) for (int o = 0; o < n; o++) {
			final double a0 = e[elements[2 * o]], a1 = e[elements[2 * o + 1]];
			out[o] = (float) (a0 + a1);
			out[n + o] = (float) (a0 - a1);
		}
		else for (int o = 0; o < n; o++) {
			final int b = 4 * o;
			final double a0 = e[elements[b]], a1 = e[elements[b + 1]], a2 = e[elements[b + 2]],
				a3 = e[elements[b + 3]];
			final double u = a0 + a2, v = a1 + a3, w = a0 - a2, z = a1 - a3;
			out[o] = (float) (u + v);
			out[n + o] = (float) (u - v);
			out[2 * n + o] = (float) (w + z);
			out[3 * n + o] = (float) w;
			out[4 * n + o] = (float) z;
		}
	}

	/**
	 * A candidate's segments, laid out as {@link #image}'s (U+V, U−V, W, −(Z+W),
	 * W−Z for g = 4).
	 *
	 * @param b the embedding of rotation r of a centroid, r &lt; m/g
	 */
	public void candidate(final float[] b, final float[] out) {
		if (order < 4) {
			image(b, out);
			return;
		}
		final int n = length;
		for (int o = 0; o < n; o++) {
			final int i = 4 * o;
			final double b0 = b[elements[i]], b1 = b[elements[i + 1]], b2 = b[elements[i + 2]],
				b3 = b[elements[i + 3]];
			final double u = b0 + b2, v = b1 + b3, w = b0 - b2, z = b1 - b3;
			out[o] = (float) (u + v);
			out[n + o] = (float) (u - v);
			out[2 * n + o] = (float) w;
			out[3 * n + o] = (float) (-z - w);
			out[4 * n + o] = (float) (w - z);
		}
	}

	/** The Euclidean norm of each segment of {@code x}, in double. */
	public void norms(final float[] x, final double[] out) {
		for (int j = 0; j < segments; j++) {
			double s = 0;
			for (int o = j * length, end = o + length; o < end; o++)
				s += (double) x[o] * x[o];
			out[j] = Math.sqrt(s);
		}
	}

	/**
	 * The g inner products c<sub>s</sub> ≈ ⟨a, X<sub>r</sub>∘Q<sup>s</sup>⟩ from
	 * the segments' inner products.
	 *
	 * @param sums the inner products of the image's segment j with the
	 *          candidate's, at {@code sums[offset + j·stride]}
	 * @param centre the centre pixels' product a<sub>c</sub>·b<sub>c</sub>
	 *          (0 where {@link #centre} is −1)
	 * @param out receives c<sub>0</sub> … c<sub>g−1</sub>
	 */
	public void combine(final double[] sums, final int offset, final int stride,
		final double centre, final double[] out)
	{
		if (order == 1) out[0] = sums[offset] + centre;
		else if (order == 2) {
			final double a = sums[offset], b = sums[offset + stride];
			out[0] = (a + b) / 2 + centre;
			out[1] = (a - b) / 2 + centre;
		}
		else {
			final double a = sums[offset], b = sums[offset + stride];
			final double k1 = sums[offset + 2 * stride], k2 = sums[offset + 3 * stride],
				k3 = sums[offset + 4 * stride];
			final double plus = (a + b) / 4, minus = (a - b) / 4;
			out[0] = plus + (k1 - k3) / 2 + centre;
			out[1] = minus - (k1 + k2) / 2 + centre;
			out[2] = plus - (k1 - k3) / 2 + centre;
			out[3] = minus + (k1 + k2) / 2 + centre;
		}
	}

	/**
	 * A rigorous bound on |c<sub>s</sub> computed by {@link #combine} − the
	 * exact ⟨a, X<sub>r</sub>∘Q<sup>s</sup>⟩ (any s), where the segments' inner
	 * products were computed in float in chunks of at most {@code terms} terms
	 * per sum, added into doubles.
	 *
	 * @param imageNorms {@link #norms} of the image's segments
	 * @param candidateNorms {@link #norms} of the candidate's
	 * @param na the norm of the image's embedding, in double
	 * @param nb the norm of the candidate's embedding, in double
	 */
	public double error(final double[] imageNorms, final double[] candidateNorms, final double na,
		final double nb)
	{
		// Each product x̃ỹ of rounded segment values is within (2u + u²)|x̃ỹ| of
		// xy, plus the double rounding of the segments (≤ 3·2⁻⁵³ of Σ_t|a_t|, and
		// Σ_o (Σ_t|a_t|)² ≤ 4‖a‖²) and float underflow in rounding them (≤ 2⁻¹⁵⁰
		// each, times Σ_o|ỹ_o| ≤ √L·‖ỹ‖); then the float sums' γ and the double
		// arithmetic of combine, all by Cauchy–Schwarz.
		double e = 0, under = 0;
		for (int j = 0; j < segments; j++) {
			e += weight[j] * imageNorms[j] * candidateNorms[j];
			under += weight[j] * (imageNorms[j] + candidateNorms[j]);
		}
		final double relative = InnerProducts.gamma() + 2.0001 * U + 1e-14;
		return e * relative * (1 + 1e-9) + 1e-13 * na * nb * segments + 0x1p-148 * rootLength *
			under;
	}

	/**
	 * The embedding of rotation r + s·m/g from that of rotation r, bit for bit
	 * as {@link Rotation#rotate(float[], int, int, int, float[])} and the L2
	 * embedding give it: {@code out[i] = base[element of Q^s(pixel of i)]}.
	 *
	 * @param s 1 … g−1
	 */
	public void turn(final float[] base, final int s, final float[] out) {
		final int[] map = turn[s - 1];
		for (int i = 0; i < map.length; i++)
			out[i] = base[map[i]];
	}
}

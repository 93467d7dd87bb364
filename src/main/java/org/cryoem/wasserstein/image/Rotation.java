package org.cryoem.wasserstein.image;

/**
 * In-plane rotation of square images by bilinear interpolation about the pixel
 * centre ((N−1)/2, (N−1)/2), with zero outside the image.
 * <p>
 * <b>Sign convention:</b> in (x, y) pixel coordinates (x = column, y = row),
 * rotating by a positive angle θ moves the content at offset (u, v) from the
 * centre to (u cos θ − v sin θ, u sin θ + v cos θ). Because rows grow
 * downwards as ImageJ (and matplotlib's default {@code origin='upper'})
 * display an image, a positive angle turns the content <em>clockwise on
 * screen</em>; in a frame with y pointing up it is counter-clockwise.
 * </p>
 */
public final class Rotation {

	private Rotation() {}

	/**
	 * Rotates {@code src} by {@code angle} radians into {@code dst}.
	 *
	 * @param src size·size pixels, row-major; not modified
	 * @param size edge length N
	 * @param angle angle in radians (positive: clockwise on screen, see class doc)
	 * @param dst receives size·size pixels; must not be {@code src}
	 */
	public static void rotate(final float[] src, final int size, final double angle,
		final float[] dst)
	{
		final double c = (size - 1) / 2.0;
		final double cos = Math.cos(angle);
		final double sin = Math.sin(angle);
		final int last = size - 1;
		final double[] xs = new double[size], ys = new double[size];
		for (int y = 0; y < size; y++) {
			final double v = y - c;
			// Source position of (x, y): the inverse rotation applied to (u, v),
			// stepped along the row by adding cos and subtracting sin
			double sx = c - cos * c + sin * v;
			double sy = c + sin * c + cos * v;
			// The pixels whose four neighbours are all inside: one run [lo, hi), as sx
			// and sy are monotonic along the row (a rounded sum with a fixed term is)
			int lo = size, hi = 0;
			for (int x = 0; x < size; x++) {
				xs[x] = sx;
				ys[x] = sy;
				if (sx >= 0 && sy >= 0 && sx < last && sy < last) {
					if (lo == size) lo = x;
					hi = x + 1;
				}
				sx += cos;
				sy -= sin;
			}
			if (hi < lo) hi = lo;
			final int row = y * size;
			for (int x = 0; x < lo; x++)
				dst[row + x] = sample(src, size, xs[x], ys[x]);
			// (as sample, without its tests: a loop free of branches)
			for (int x = lo; x < hi; x++) {
				final double px = xs[x], py = ys[x];
				final int x0 = (int) px, y0 = (int) py;
				final int p = y0 * size + x0;
				dst[row + x] = bilinear(src[p], src[p + 1], src[p + size], src[p + size + 1], px - x0, py -
					y0);
			}
			for (int x = hi; x < size; x++)
				dst[row + x] = sample(src, size, xs[x], ys[x]);
		}
	}

	/** Bilinear sample at (sx, sy), treating everything outside the image as zero. */
	static float sample(final float[] src, final int size, final double sx, final double sy) {
		if (!(sx > -1 && sy > -1 && sx < size && sy < size)) return 0f;
		final int x0 = (int) Math.floor(sx);
		final int y0 = (int) Math.floor(sy);
		return bilinear(pixel(src, size, x0, y0), pixel(src, size, x0 + 1, y0), pixel(src, size, x0,
			y0 + 1), pixel(src, size, x0 + 1, y0 + 1), sx - x0, sy - y0);
	}

	/**
	 * Bilinear interpolation of the neighbours (x0, y0), (x0 + 1, y0), (x0, y0 +
	 * 1), (x0 + 1, y0 + 1) at fractions (fx, fy), in double.
	 */
	private static float bilinear(final double p00, final double p10, final double p01,
		final double p11, final double fx, final double fy)
	{
		final double top = p00 + fx * (p10 - p00);
		final double bottom = p01 + fx * (p11 - p01);
		return (float) (top + fy * (bottom - top));
	}

	private static double pixel(final float[] src, final int size, final int x, final int y) {
		return x < 0 || y < 0 || x >= size || y >= size ? 0 : src[y * size + x];
	}

	/** @return the angle in radians of rotation index r out of m equally spaced over 360° */
	public static double angle(final int r, final int m) {
		return 2 * Math.PI * r / m;
	}

	/**
	 * g for m rotations: the largest of 4, 2 and 1 that divides m. Rotation r +
	 * m/g is rotation r followed by an exact quarter (g = 4) or half (g = 2)
	 * turn of the pixels ({@link #rotate(float[], int, int, int, float[])}).
	 */
	public static int symmetry(final int m) {
		return m % 4 == 0 ? 4 : m % 2 == 0 ? 2 : 1;
	}

	/**
	 * Rotates {@code src} by rotation index r of m, 360°·r/m, as the candidate
	 * rotations of a classification are computed: with g = {@link #symmetry}(m)
	 * and q = m/g, r = s·q + r₀ (0 ≤ r₀ &lt; q) is the bilinear rotation by
	 * {@link #angle}(r₀, m) followed by s exact turns by 360°/g ({@link #turn}, in place),
	 * which map the pixel grid onto itself. So rotation r + q is rotation r
	 * turned, bit for bit, and the rotations by multiples of 90° are exact. The
	 * same bilinear rotation as {@link #rotate(float[], int, double, float[])}
	 * up to the rounding of the source positions (and bit for bit for r &lt; q).
	 *
	 * @param r rotation index, any integer (taken modulo m)
	 * @param m number of rotations over 360°, at least 1
	 */
	public static void rotate(final float[] src, final int size, final int r, final int m,
		final float[] dst)
	{
		final int q = m / symmetry(m), index = Math.floorMod(r, m), s = index / q;
		rotate(src, size, angle(index % q, m), dst);
		if (s > 0) turn(dst, size, s * (4 / symmetry(m)));
	}

	/**
	 * Turns an image in place by quarter turns of 90° each, exactly (the grid
	 * about ((N−1)/2, (N−1)/2) maps onto itself), in the sign convention of
	 * {@link #rotate(float[], int, double, float[])}: afterwards
	 * {@code image(p)} is what was at Q<sup>quarters</sup>p, with Q(x, y) = (y,
	 * N−1−x). Each orbit {p, Qp, Q²p, Q³p} has one pixel with x &lt; (N+1)/2
	 * and y &lt; N/2 (the centre of an odd N is its own).
	 *
	 * @param quarters any integer (taken modulo 4)
	 */
	public static void turn(final float[] image, final int size, final int quarters) {
		final int s = quarters & 3;
		if (s == 0) return;
		for (int y = 0; y < size / 2; y++)
			for (int x = 0; x < (size + 1) / 2; x++) {
				final int p0 = y * size + x, p1 = turned(x, y, size, 1), p2 = turned(x, y, size, 2),
					p3 = turned(x, y, size, 3);
				final float v0 = image[p0], v1 = image[p1], v2 = image[p2], v3 = image[p3];
				// the new value at Q^t p is the old one at Q^(t+s) p
				image[p0] = s == 1 ? v1 : s == 2 ? v2 : v3;
				image[p1] = s == 1 ? v2 : s == 2 ? v3 : v0;
				image[p2] = s == 1 ? v3 : s == 2 ? v0 : v1;
				image[p3] = s == 1 ? v0 : s == 2 ? v1 : v2;
			}
	}

	/** The pixel index of Q<sup>quarters</sup>(x, y), Q(x, y) = (y, N−1−x). */
	public static int turned(final int x, final int y, final int size, final int quarters) {
		final int last = size - 1;
		switch (quarters & 3) {
			case 0:
				return y * size + x;
			case 1:
				return (last - x) * size + y;
			case 2:
				return (last - y) * size + last - x;
			default:
				return x * size + last - y;
		}
	}
}

package org.cryoem.wasserstein.simulate;

/**
 * Real-space projections of a cubic 3D map, in RELION's convention.
 *
 * <h2>Geometry</h2>
 * <p>
 * The map is n×n×n floats with x fastest, then y, then z (MRC order: x is the
 * image column, y the image row, z the section), centred on voxel
 * c = ⌊n/2⌋ along every axis, as RELION centres its boxes (for odd n this is
 * also (n−1)/2; for even n it is half a pixel off the (n−1)/2 centre of
 * {@link org.cryoem.wasserstein.image.Rotation}). Projection pixel (x, y),
 * stored at index y·n + x like a {@link org.cryoem.wasserstein.image.ParticleStack}
 * image, has centred coordinates (X, Y) = (x − c, y − c).
 * </p>
 * <p>
 * For a rotation A (RELION's {@code Euler_angles2matrix} of the particle's
 * rot, tilt, psi; see {@link Orientations}) the projection is the paper's
 * eq. (1) applied to the map rotated by A about its centre:
 * </p>
 * <pre>
 *   P(X, Y) = Σ_Z V(Aᵀ·(X, Y, Z) + c)        (Z = …, −1, 0, 1, …)
 * </pre>
 * <p>
 * i.e. the rotated map V'(r) = V(Aᵀr) summed along z with a step of one voxel.
 * This is the real-space counterpart of RELION's Fourier-slice projector
 * ({@code Projector::project} samples the map's transform at Aᵀ·(kx, ky, 0)),
 * and the projections match RELION's ({@code relion_project}) images of the
 * same angles in row order, orientation and handedness: Aᵀ (not A), rows in
 * file order (no vertical flip), no transpose of the image. The candidates
 * were tried against RELION 3.1 output and only this one matches (Pearson
 * correlation 0.999 against 0.1–0.6 for the others); {@code ProjectorTest}
 * keeps checking it.
 * </p>
 * <p>
 * <b>Odd box sizes:</b> {@code relion_project} writes odd-sized projections
 * displaced by one pixel in +x and +y (content centred on pixel (n+1)/2 instead
 * of ⌊n/2⌋, a side effect of how its inverse FFT re-centres odd sizes; ASPIRE's
 * RELION interoperability test notes the same shift). This class does not
 * reproduce that: the map centre always projects onto pixel ⌊n/2⌋, RELION's
 * own centre for reading particles. Even sizes match RELION with no shift.
 * </p>
 *
 * <h2>Interpolation</h2>
 * <ol>
 * <li><b>Ray sampling:</b> each sample V(Aᵀ·(X, Y, Z) + c) is a trilinear
 * interpolation of the eight surrounding voxels, with zero outside the map.
 * Z runs over every integer for which the sample point can touch the map
 * (the ray is clipped to the map's bounding box), so the line integral is
 * not cut off by the box of the rotated grid.</li>
 * <li><b>Resampling to S×S</b> ({@link #resample}) is separable. Output pixel
 * t (per axis) is centred at input position u = c + (t − ⌊S/2⌋)·n/S, so the
 * centres map onto each other. When S &lt; n the output is the <em>area
 * average</em> of the input over the output pixel's footprint [u − n/(2S),
 * u + n/(2S)], input pixels being unit squares with constant value
 * (anti-aliasing box filter with exact overlap weights). When S &gt; n it is
 * <em>linear interpolation</em> at u. Where a footprint (or an interpolation
 * neighbour) falls partly outside the image, the weights of the part inside
 * are renormalised to sum to 1, so a constant image stays constant; an output
 * pixel entirely outside is 0. S = n returns the projection unchanged. Resampling keeps pixel values on the
 * scale of the full-size projection (averages, not sums).</li>
 * </ol>
 * <p>
 * Instances are immutable and safe to use from several threads at once.
 * </p>
 */
public final class Projector {

	private final float[] map;
	private final int n;
	private final int c;

	/**
	 * @param map n·n·n voxels, x fastest, then y, then z; taken over, not copied
	 *          (do not modify it afterwards)
	 * @param n edge length of the cubic map
	 */
	public Projector(final float[] map, final int n) {
		if (n < 1) throw new IllegalArgumentException("Map size must be positive, got " + n);
		if (map == null || map.length != (long) n * n * n) {
			throw new IllegalArgumentException("The map must have " + n + "³ voxels");
		}
		this.map = map;
		this.n = n;
		this.c = n / 2;
	}

	/** @return the edge length n of the map */
	public int mapSize() {
		return n;
	}

	/**
	 * Projects the map at RELION Euler angles and resamples to size×size.
	 *
	 * @param rot degrees
	 * @param tilt degrees
	 * @param psi degrees
	 * @param size edge length S of the result
	 * @return S·S pixels, row-major
	 */
	public float[] project(final double rot, final double tilt, final double psi, final int size) {
		return project(Orientations.eulerToMatrix(rot, tilt, psi), size);
	}

	/**
	 * Projects the map at rotation A and resamples to size×size.
	 *
	 * @param A rotation matrix, A[row][col] (RELION's Euler_angles2matrix)
	 * @param size edge length S of the result
	 * @return S·S pixels, row-major
	 */
	public float[] project(final double[][] A, final int size) {
		return resample(project(A), n, size);
	}

	/**
	 * Projects the map at rotation A at the map's own size.
	 *
	 * @return n·n pixels, row-major
	 */
	public float[] project(final double[][] A) {
		// The sample point of (X, Y, Z) is Aᵀ·(X, Y, Z): column j of Aᵀ is row j of A.
		return projectSampling(new double[][] { //
			{ A[0][0], A[1][0], A[2][0] }, //
			{ A[0][1], A[1][1], A[2][1] }, //
			{ A[0][2], A[1][2], A[2][2] } });
	}

	/**
	 * Sums V(M·(X, Y, Z) + c) over Z for every pixel, with trilinear sampling.
	 *
	 * @param M sampling matrix M[row][col]
	 */
	float[] projectSampling(final double[][] M) {
		final float[] out = new float[n * n];
		// Ray through pixel (X, Y): p(Z) = M·(X, Y, 0) + c + Z·d with d = M·e_z.
		final double dx = M[0][2], dy = M[1][2], dz = M[2][2];
		for (int y = 0; y < n; y++) {
			final double Y = y - c;
			for (int x = 0; x < n; x++) {
				final double X = x - c;
				final double px = M[0][0] * X + M[0][1] * Y + c;
				final double py = M[1][0] * X + M[1][1] * Y + c;
				final double pz = M[2][0] * X + M[2][1] * Y + c;
				// Z range in which every coordinate stays in (−1, n), the support of trilinear sampling.
				double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
				boolean empty = false;
				final double[] p = { px, py, pz }, d = { dx, dy, dz };
				for (int a = 0; a < 3 && !empty; a++) {
					if (Math.abs(d[a]) < 1e-12) {
						if (!(p[a] > -1 && p[a] < n)) empty = true;
					}
					else {
						final double t1 = (-1 - p[a]) / d[a], t2 = (n - p[a]) / d[a];
						lo = Math.max(lo, Math.min(t1, t2));
						hi = Math.min(hi, Math.max(t1, t2));
					}
				}
				if (empty || !(lo < hi)) continue;
				double sum = 0;
				for (long Z = (long) Math.floor(lo); Z <= (long) Math.ceil(hi); Z++) {
					sum += sample(px + Z * dx, py + Z * dy, pz + Z * dz);
				}
				out[y * n + x] = (float) sum;
			}
		}
		return out;
	}

	/** Trilinear sample of the map at (sx, sy, sz) in voxel coordinates; zero outside. */
	private double sample(final double sx, final double sy, final double sz) {
		if (!(sx > -1 && sy > -1 && sz > -1 && sx < n && sy < n && sz < n)) return 0;
		final int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy), z0 = (int) Math.floor(sz);
		final double fx = sx - x0, fy = sy - y0, fz = sz - z0;
		final double c00 = lerp(voxel(x0, y0, z0), voxel(x0 + 1, y0, z0), fx);
		final double c10 = lerp(voxel(x0, y0 + 1, z0), voxel(x0 + 1, y0 + 1, z0), fx);
		final double c01 = lerp(voxel(x0, y0, z0 + 1), voxel(x0 + 1, y0, z0 + 1), fx);
		final double c11 = lerp(voxel(x0, y0 + 1, z0 + 1), voxel(x0 + 1, y0 + 1, z0 + 1), fx);
		return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
	}

	private static double lerp(final double a, final double b, final double f) {
		return a + f * (b - a);
	}

	private double voxel(final int x, final int y, final int z) {
		if (x < 0 || y < 0 || z < 0 || x >= n || y >= n || z >= n) return 0;
		return map[(z * n + y) * n + x];
	}

	/**
	 * Resamples a square image to size×size as described in the class
	 * documentation (area average when shrinking, linear interpolation when
	 * enlarging, centre ⌊n/2⌋ onto centre ⌊S/2⌋).
	 *
	 * @param img n·n pixels, row-major; not modified
	 * @param n input edge length
	 * @param size output edge length S
	 * @return S·S pixels, row-major (a copy when S = n)
	 */
	public static float[] resample(final float[] img, final int n, final int size) {
		if (size < 1) throw new IllegalArgumentException("Output size must be positive, got " + size);
		if (size == n) return img.clone();
		final double[][] w = weights(n, size);
		// Rows first: tmp[y][t] = Σ_i w[t][i]·img[y][i]; then columns.
		final double[] tmp = new double[n * size];
		for (int y = 0; y < n; y++)
			for (int t = 0; t < size; t++) {
				double s = 0;
				final double[] wt = w[t];
				for (int i = 0; i < n; i++)
					if (wt[i] != 0) s += wt[i] * img[y * n + i];
				tmp[y * size + t] = s;
			}
		final float[] out = new float[size * size];
		for (int t = 0; t < size; t++) {
			final double[] wt = w[t];
			for (int x = 0; x < size; x++) {
				double s = 0;
				for (int j = 0; j < n; j++)
					if (wt[j] != 0) s += wt[j] * tmp[j * size + x];
				out[t * size + x] = (float) s;
			}
		}
		return out;
	}

	/** The 1D resampling weights w[t][i] from n input to s output pixels. */
	static double[][] weights(final int n, final int s) {
		final double[][] w = new double[s][n];
		final double scale = (double) n / s;
		final int cn = n / 2, cs = s / 2;
		for (int t = 0; t < s; t++) {
			final double u = cn + (t - cs) * scale;
			if (s < n) {
				final double h = scale / 2;
				for (int i = 0; i < n; i++) {
					final double overlap = Math.min(u + h, i + 0.5) - Math.max(u - h, i - 0.5);
					if (overlap > 0) w[t][i] = overlap / scale;
				}
			}
			else {
				final int i0 = (int) Math.floor(u);
				final double f = u - i0;
				if (i0 >= 0 && i0 < n) w[t][i0] += 1 - f;
				if (i0 + 1 >= 0 && i0 + 1 < n) w[t][i0 + 1] += f;
			}
			// Near the border, average over the part of the footprint inside the image.
			double sum = 0;
			for (final double v : w[t])
				sum += v;
			if (sum > 0 && sum != 1) for (int i = 0; i < n; i++)
				w[t][i] /= sum;
		}
		return w;
	}
}

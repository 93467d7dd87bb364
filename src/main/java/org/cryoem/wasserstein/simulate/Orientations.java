package org.cryoem.wasserstein.simulate;

import java.util.SplittableRandom;

/**
 * 3D orientations: uniform random rotations on SO(3), and conversion between
 * rotation matrices and RELION's ZYZ Euler angles.
 *
 * <h2>Conventions (RELION's)</h2>
 * <ul>
 * <li>A rotation is a 3×3 matrix {@code A[row][col]} acting on column vectors
 * (x, y, z), x being the fastest axis of a map (the image column), y the image
 * row, z the section.</li>
 * <li>Euler angles (rot, tilt, psi) in degrees are ZYZ as in RELION's
 * {@code Euler_angles2matrix}: A = R<sub>z</sub>(psi)·R<sub>y</sub>(tilt)·R<sub>z</sub>(rot)
 * with R<sub>z</sub>(a) = [[cos a, sin a, 0], [−sin a, cos a, 0], [0, 0, 1]] and
 * R<sub>y</sub>(b) = [[cos b, 0, −sin b], [0, 1, 0], [sin b, 0, cos b]].</li>
 * <li>The matrix rotates the reference (the 3D map) into the particle: the
 * projection is P(x, y) = ∫ V(A<sup>T</sup>·(x, y, z)) dz, see {@link Projector}.</li>
 * <li>The <b>viewing direction</b> is the third row of A, which is
 * (cos rot·sin tilt, sin rot·sin tilt, cos tilt); it does not depend on psi
 * (the in-plane rotation). Two particles seen from the same direction differ
 * only by an in-plane rotation.</li>
 * <li>{@link #matrixToEuler} returns tilt in [0°, 180°] and rot, psi in
 * (−180°, 180°], following RELION's {@code Euler_matrix2angles}; for tilt = 0
 * or 180° (gimbal lock) rot is 0 and all the rotation goes into psi.</li>
 * </ul>
 *
 * <h2>Uniform sampling</h2> A quaternion with four i.i.d. standard normal
 * components, normalised to unit length, is uniform on the 3-sphere, so the
 * rotation it represents is uniform (Haar) on SO(3); its viewing directions are
 * uniform on the sphere (cos tilt uniform in [−1, 1], rot uniform).
 */
public final class Orientations {

	private Orientations() {}

	/**
	 * Draws a uniform random unit quaternion (w, x, y, z): four standard normal
	 * numbers, normalised (redrawn in the practically impossible case of a norm
	 * below 1e-12).
	 */
	public static double[] randomQuaternion(final SplittableRandom random) {
		while (true) {
			final double[] q = { Gaussian.next(random), Gaussian.next(random), Gaussian.next(random),
				Gaussian.next(random) };
			final double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
			if (norm < 1e-12) continue;
			for (int i = 0; i < 4; i++)
				q[i] /= norm;
			return q;
		}
	}

	/** @return a uniform random rotation matrix (Haar measure on SO(3)) */
	public static double[][] randomMatrix(final SplittableRandom random) {
		return quaternionToMatrix(randomQuaternion(random));
	}

	/** @return uniform random RELION Euler angles {rot, tilt, psi} in degrees */
	public static double[] randomEuler(final SplittableRandom random) {
		return matrixToEuler(randomMatrix(random));
	}

	/**
	 * Rotation matrix of a unit quaternion (w, x, y, z) (the usual active
	 * rotation of column vectors; q and −q give the same matrix). The quaternion
	 * is normalised first.
	 */
	public static double[][] quaternionToMatrix(final double[] q) {
		final double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
		final double w = q[0] / n, x = q[1] / n, y = q[2] / n, z = q[3] / n;
		return new double[][] { //
			{ 1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y) }, //
			{ 2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x) }, //
			{ 2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y) } };
	}

	/**
	 * RELION's {@code Euler_angles2matrix}: A = R<sub>z</sub>(psi)·R<sub>y</sub>(tilt)·R<sub>z</sub>(rot).
	 *
	 * @param rot first rotation, about z, degrees
	 * @param tilt second rotation, about y, degrees
	 * @param psi third rotation (in-plane), about z, degrees
	 * @return A[row][col]
	 */
	public static double[][] eulerToMatrix(final double rot, final double tilt, final double psi) {
		final double a = Math.toRadians(rot), b = Math.toRadians(tilt), g = Math.toRadians(psi);
		final double ca = Math.cos(a), sa = Math.sin(a);
		final double cb = Math.cos(b), sb = Math.sin(b);
		final double cg = Math.cos(g), sg = Math.sin(g);
		final double cc = cb * ca, cs = cb * sa, sc = sb * ca, ss = sb * sa;
		return new double[][] { //
			{ cg * cc - sg * sa, cg * cs + sg * ca, -cg * sb }, //
			{ -sg * cc - cg * sa, -sg * cs + cg * ca, sg * sb }, //
			{ sc, ss, cb } };
	}

	/**
	 * RELION's {@code Euler_matrix2angles}: the ZYZ angles of a rotation matrix.
	 *
	 * @return {rot, tilt, psi} in degrees, tilt in [0, 180], rot and psi in (−180, 180]
	 */
	public static double[] matrixToEuler(final double[][] A) {
		final double absSb = Math.sqrt(A[0][2] * A[0][2] + A[1][2] * A[1][2]);
		final double rot, tilt, psi;
		if (absSb > 16 * Math.ulp(1f)) {
			psi = Math.atan2(A[1][2], -A[0][2]);
			rot = Math.atan2(A[2][1], A[2][0]);
			tilt = Math.atan2(absSb, A[2][2]);
		}
		else if (A[2][2] > 0) {
			rot = 0;
			tilt = 0;
			psi = Math.atan2(-A[1][0], A[0][0]);
		}
		else {
			rot = 0;
			tilt = Math.PI;
			psi = Math.atan2(A[1][0], -A[0][0]);
		}
		return new double[] { normalise(Math.toDegrees(rot)), Math.toDegrees(tilt), normalise(Math
			.toDegrees(psi)) };
	}

	/** @return the viewing direction of a rotation: its third row, a unit vector */
	public static double[] viewingDirection(final double[][] A) {
		return new double[] { A[2][0], A[2][1], A[2][2] };
	}

	/**
	 * @param rot degrees
	 * @param tilt degrees
	 * @return (cos rot·sin tilt, sin rot·sin tilt, cos tilt), the third row of
	 *         {@link #eulerToMatrix}
	 */
	public static double[] viewingDirection(final double rot, final double tilt) {
		final double a = Math.toRadians(rot), b = Math.toRadians(tilt);
		return new double[] { Math.cos(a) * Math.sin(b), Math.sin(a) * Math.sin(b), Math.cos(b) };
	}

	/**
	 * Angle between two viewing directions in degrees, 0–180: arccos of the dot
	 * product of the (normalised) vectors, clamped to [−1, 1].
	 */
	public static double angleBetween(final double[] u, final double[] v) {
		final double nu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
		final double nv = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
		final double dot = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (nu * nv);
		return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
	}

	/** Maps an angle in degrees to (−180, 180]. */
	static double normalise(final double deg) {
		double d = deg % 360;
		if (d <= -180) d += 360;
		else if (d > 180) d -= 360;
		return d;
	}

	/** Product A·B of 3×3 matrices. */
	static double[][] multiply(final double[][] A, final double[][] B) {
		final double[][] C = new double[3][3];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				C[i][j] = A[i][0] * B[0][j] + A[i][1] * B[1][j] + A[i][2] * B[2][j];
		return C;
	}
}

package org.cryoem.wasserstein.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cryoem.wasserstein.distance.L2Metric;
import org.cryoem.wasserstein.distance.RotationalSearch;
import org.junit.jupiter.api.Test;

/**
 * Pins the relation between our in-plane angle θ (image.Rotation: particle ≈
 * R_θ(class average)) and RELION's psi: a RELION projection at psi is the
 * psi = 0 projection rotated by θ = −psi. This is why particles.star records
 * _rlnAnglePsi = −θ.
 */
class PsiConventionTest {

	@Test
	void relionPsiIsMinusOurAngle() {
		final int n = 33; // odd: RELION's centre ⌊n/2⌋ equals our (n−1)/2
		final Projector projector = new Projector(Phantom.create(n, 5), n);
		final int m = 72;
		for (final double psi : new double[] { 30, 95, -60 }) {
			final float[] p0 = projector.project(40, 70, 0, n);
			final float[] p = projector.project(40, 70, psi, n);
			final RotationalSearch.Match match = RotationalSearch.best(new L2Metric(), p, p0, n, m);
			assertEquals(Math.floorMod((long) Math.round(-psi), 360), match.angleDegrees, 1e-9, "psi " +
				psi);
		}
	}
}

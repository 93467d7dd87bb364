package org.cryoem.wasserstein.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import org.cryoem.wasserstein.Progress;
import org.cryoem.wasserstein.image.CircularMask;
import org.junit.jupiter.api.Test;

class SimulatorTest {

	private static final Projector PHANTOM = new Projector(Phantom.create(32, 5), 32);

	private static Simulator.Parameters params(final int count, final double snr, final int threads) {
		final Simulator.Parameters p = new Simulator.Parameters();
		p.count = count;
		p.size = 24;
		p.snr = snr;
		p.seed = 42;
		p.threads = threads;
		return p;
	}

	@Test
	void noiseVarianceFollowsSnr() {
		final Simulator.Simulation s = Simulator.simulate(PHANTOM, params(60, 0.5, 2), null);
		assertEquals(60, s.clean.count());
		assertEquals(24, s.noisy.size());
		// Signal power: mean squared clean pixel over the whole stack.
		double power = 0;
		for (int i = 0; i < 60; i++)
			for (final float v : s.clean.image(i))
				power += (double) v * v;
		power /= 60 * 24 * 24;
		assertEquals(power, s.signalPower, 1e-9 * power);
		assertEquals(power / 0.5, s.noiseVariance, 1e-9 * power);
		// Measured noise variance (34,560 samples: relative sd ≈ 0.8 %).
		double sum = 0, sum2 = 0;
		final int m = 60 * 24 * 24;
		for (int i = 0; i < 60; i++) {
			final float[] c = s.clean.image(i), y = s.noisy.image(i);
			for (int k = 0; k < c.length; k++) {
				final double e = y[k] - c[k];
				sum += e;
				sum2 += e * e;
			}
		}
		final double mean = sum / m, var = sum2 / m - mean * mean;
		assertEquals(0, mean, 4 * Math.sqrt(s.noiseVariance / m));
		assertEquals(s.noiseVariance, var, 0.04 * s.noiseVariance);
		// And the realised SNR.
		assertEquals(0.5, power / var, 0.02);
	}

	@Test
	void infiniteSnrIsNoiseFree() {
		final Simulator.Simulation s = Simulator.simulate(PHANTOM, params(5, Double.POSITIVE_INFINITY,
			1), Progress.NONE);
		assertEquals(0, s.noiseVariance);
		for (int i = 0; i < 5; i++)
			assertArrayEquals(s.clean.image(i), s.noisy.image(i));
	}

	@Test
	void deterministicAcrossThreadCounts() {
		final Simulator.Simulation a = Simulator.simulate(PHANTOM, params(40, 0.1, 1), null);
		final Simulator.Simulation b = Simulator.simulate(PHANTOM, params(40, 0.1, 3), null);
		final Simulator.Simulation c = Simulator.simulate(PHANTOM, params(40, 0.1, 8), null);
		for (int i = 0; i < 40; i++) {
			assertArrayEquals(a.angles[i], b.angles[i]);
			assertArrayEquals(a.angles[i], c.angles[i]);
			assertArrayEquals(a.noisy.image(i), b.noisy.image(i));
			assertArrayEquals(a.noisy.image(i), c.noisy.image(i));
			assertArrayEquals(a.clean.image(i), c.clean.image(i));
		}
		assertEquals(a.noiseVariance, c.noiseVariance);
		// A prefix of a longer run has the same orientations (per-index streams).
		final Simulator.Simulation longer = Simulator.simulate(PHANTOM, params(50, 0.1, 2), null);
		assertArrayEquals(a.angles[17], longer.angles[17]);
		// Another seed differs.
		final Simulator.Parameters other = params(40, 0.1, 2);
		other.seed = 43;
		assertNotEquals(a.angles[0][0], Simulator.simulate(PHANTOM, other, null).angles[0][0]);
	}

	@Test
	void anglesAreTheProjectionAngles() {
		final Simulator.Simulation s = Simulator.simulate(PHANTOM, params(3, Double.POSITIVE_INFINITY,
			1), null);
		for (int i = 0; i < 3; i++) {
			final double[] e = s.angles[i];
			assertArrayEquals(PHANTOM.project(e[0], e[1], e[2], 24), s.clean.image(i), 1e-6f);
			assertArrayEquals(Orientations.viewingDirection(e[0], e[1]), s.viewingDirections()[i], 0);
		}
	}

	@Test
	void maskZeroesOutside() {
		final Simulator.Parameters p = params(4, 1, 2);
		p.maskRadius = 9;
		final Simulator.Simulation s = Simulator.simulate(PHANTOM, p, null);
		final CircularMask mask = new CircularMask(24, 9);
		int inside = 0;
		for (int y = 0; y < 24; y++)
			for (int x = 0; x < 24; x++) {
				if (mask.contains(x, y)) {
					inside++;
					continue;
				}
				for (int i = 0; i < 4; i++) {
					assertEquals(0f, s.noisy.image(i)[y * 24 + x]);
					assertEquals(0f, s.clean.image(i)[y * 24 + x]);
				}
			}
		assertTrue(inside > 200);
	}

	@Test
	void progressAndCancellation() {
		final AtomicLong last = new AtomicLong();
		Simulator.simulate(PHANTOM, params(20, 1, 2), (stage, done, total) -> {
			if (stage.equals("Adding noise")) last.set(done);
		});
		assertEquals(20, last.get());
		final Progress cancel = new Progress() {

			@Override
			public void report(final String stage, final long done, final long total) {}

			@Override
			public boolean isCancelled() {
				return true;
			}
		};
		assertThrows(CancellationException.class, () -> Simulator.simulate(PHANTOM, params(20, 1, 2),
			cancel));
	}

	@Test
	void rejectsBadParameters() {
		assertThrows(IllegalArgumentException.class, () -> Simulator.simulate(PHANTOM, params(0, 1, 1),
			null));
		assertThrows(IllegalArgumentException.class, () -> Simulator.simulate(PHANTOM, params(3, 0, 1),
			null));
		assertThrows(IllegalArgumentException.class, () -> Simulator.simulate(PHANTOM, params(3,
			Double.NaN, 1), null));
	}
}

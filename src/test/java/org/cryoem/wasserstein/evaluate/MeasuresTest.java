package org.cryoem.wasserstein.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MeasuresTest {

	@Test
	void quantilesOfSmallSets() {
		final double[] x = { 1, 2, 3, 4 };
		assertEquals(2.5, Quantiles.of(x, 0.5));
		assertEquals(1.75, Quantiles.of(x, 0.25));
		assertEquals(3.25, Quantiles.of(x, 0.75));
		assertEquals(1, Quantiles.of(x, 0));
		assertEquals(4, Quantiles.of(x, 1));
		final double[] y = { 10, 20, 30, 40, 50 };
		assertEquals(30, Quantiles.of(y, 0.5));
		assertEquals(20, Quantiles.of(y, 0.25));
		assertEquals(40, Quantiles.of(y, 0.75));
		assertEquals(7, Quantiles.of(new double[] { 7 }, 0.3));
		assertTrue(Double.isNaN(Quantiles.of(new double[0], 0.5)));
		assertThrows(IllegalArgumentException.class, () -> Quantiles.of(x, 1.5));
	}

	@Test
	void pairAnglesAtKnownAngles() {
		// Class 0: x, y, z axes: three pairs at 90°. Class 1: z and a direction 10° from it,
		// plus -z: pairs at 10°, 180°, 170°. Class 2: a single member (no pairs).
		final double t = Math.toRadians(10);
		final double[][] d = { { 1, 0, 0 }, { 0, 2, 0 }, { 0, 0, 1 }, { 0, 0, 3 }, { Math.sin(t), 0,
			Math.cos(t) }, { 0, 0, -1 }, { 1, 1, 1 } };
		final int[] classOf = { 0, 0, 0, 1, 1, 1, 2 };
		final AngularSpread s = AngularSpread.of(classOf, d);
		assertEquals(6, s.pairs);
		assertTrue(s.exact);
		// Sorted: 10, 90, 90, 90, 170, 180.
		assertEquals(90, s.median, 1e-9);
		assertEquals((10 + 90 * 3 + 170 + 180) / 6.0, s.mean, 1e-9);
		assertEquals(90, s.p25, 1e-9);
		assertEquals(150, s.p75, 1e-9); // h = 3.75: 90 + 0.75·(170 − 90)
		assertEquals(1 / 6.0, s.fractionBelow20, 1e-12);
		final long[] hist = s.histogram();
		assertEquals(180, hist.length);
		assertEquals(1, hist[10] + hist[9]); // 10° within rounding
		assertEquals(3, hist[90] + hist[89]);
		assertEquals(1, hist[179]); // 180° falls into the last bin
		assertEquals(6, Arrays.stream(hist).sum());
		assertEquals(1, Arrays.stream(s.density()).sum(), 1e-12);
	}

	@Test
	void negativeLabelsIgnoredAndNoPairs() {
		final double[][] d = { { 1, 0, 0 }, { 0, 1, 0 } };
		final AngularSpread s = AngularSpread.of(new int[] { 0, -1 }, d);
		assertEquals(0, s.pairs);
		assertTrue(Double.isNaN(s.median) && Double.isNaN(s.fractionBelow20));
		assertThrows(IllegalArgumentException.class, () -> AngularSpread.of(new int[] { 0 }, d));
		assertThrows(IllegalArgumentException.class, () -> AngularSpread.of(new int[] { 0, 0 },
			new double[][] { { 0, 0, 0 }, { 1, 0, 0 } }));
	}

	@Test
	void streamingHistogramAgreesWithExact() {
		final SplittableRandom r = new SplittableRandom(5);
		final int n = 700;
		final double[][] d = new double[n][];
		final int[] classOf = new int[n];
		for (int i = 0; i < n; i++) {
			d[i] = new double[] { r.nextDouble() - 0.5, r.nextDouble() - 0.5, r.nextDouble() - 0.5 };
			classOf[i] = i % 3;
		}
		final AngularSpread exact = AngularSpread.of(classOf, d);
		final AngularSpread streamed = AngularSpread.of(classOf, d, 1000);
		assertTrue(exact.exact);
		assertFalse(streamed.exact);
		assertEquals(exact.pairs, streamed.pairs);
		assertEquals(exact.mean, streamed.mean, 1e-9);
		assertEquals(exact.fractionBelow20, streamed.fractionBelow20, 0);
		assertEquals(exact.median, streamed.median, AngularSpread.FINE_BIN_DEG);
		assertEquals(exact.p25, streamed.p25, AngularSpread.FINE_BIN_DEG);
		assertEquals(exact.p75, streamed.p75, AngularSpread.FINE_BIN_DEG);
		assertArrayEquals(exact.histogram(), streamed.histogram());
		// Uniform random directions: median angle 90°, P(angle < 20°) = (1 − cos 20°)/2 ≈ 0.030.
		assertEquals(90, exact.median, 3);
		assertEquals((1 - Math.cos(Math.toRadians(20))) / 2, exact.fractionBelow20, 0.006);
	}

	@Test
	void occupancyMeasures() {
		final Occupancy equal = Occupancy.of(new int[] { 5, 5, 5, 5 });
		assertEquals(0, equal.gini, 1e-12);
		assertEquals(5, equal.max);
		assertEquals(5, equal.median);
		final Occupancy oneHot = Occupancy.of(new int[] { 0, 0, 12, 0, 0 });
		assertEquals(4 / 5.0, oneHot.gini, 1e-12);
		assertEquals(12, oneHot.max);
		assertEquals(0, oneHot.median);
		// {1, 2, 3, 4}: Σ|xi − xj| over ordered pairs = 20, G = 20 / (2·16·2.5) = 0.25; median 2.5.
		final Occupancy o = Occupancy.of(new int[] { 4, 1, 3, 2 });
		assertEquals(0.25, o.gini, 1e-12);
		assertEquals(2.5, o.median);
		assertEquals(10, o.particles);
		assertEquals(0, Occupancy.of(new int[] { 0, 0 }).gini);
		assertThrows(IllegalArgumentException.class, () -> Occupancy.of(new int[0]));
		assertThrows(IllegalArgumentException.class, () -> Occupancy.of(new int[] { 1, -1 }));
	}

	@Test
	void summaryJson() {
		final double[][] d = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
		final Summary s = new Summary(AngularSpread.of(new int[] { 0, 0, 1 }, d), Occupancy.of(
			new int[] { 2, 1 }));
		final String json = s.toJson();
		for (final String key : new String[] { "median_deg", "mean_deg", "p25_deg", "p75_deg",
			"frac_below_20deg", "occupancy_max", "occupancy_median", "occupancy_gini" })
			assertTrue(json.contains("\"" + key + "\": "), key);
		assertTrue(json.contains("\"median_deg\": 90,"), json);
		assertTrue(json.contains("\"frac_below_20deg\": 0,"), json);
		assertTrue(json.contains("\"occupancy_max\": 2,"), json);
		assertTrue(json.contains("\"occupancy_median\": 1.5,"), json);
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
			"\"occupancy_gini\": ([0-9.e-]+),").matcher(json);
		assertTrue(m.find(), json);
		assertEquals(1 / 6.0, Double.parseDouble(m.group(1)), 1e-12); // |2 − 1|·2 / (2·4·1.5)
		assertTrue(json.startsWith("{\n") && json.endsWith("}\n"));
		final Summary empty = new Summary(AngularSpread.of(new int[] { 0, 1 }, new double[][] { { 1, 0,
			0 }, { 0, 1, 0 } }), Occupancy.of(new int[] { 1, 1 }));
		assertTrue(empty.toJson().contains("\"median_deg\": null,"));
		assertEquals("1.0e-5", Summary.number(1e-5));
	}
}

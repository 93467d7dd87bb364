package org.cryoem.wasserstein.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.ClassificationResult;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.simulate.Phantom;
import org.cryoem.wasserstein.simulate.Projector;
import org.cryoem.wasserstein.simulate.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on a small simulation: phantom → noisy projections → W1 and L2
 * classification → report. The files stay in {@code target/evaluate-report}
 * for a look.
 */
class ReportTest {

	private static final Path OUT = Paths.get("target", "evaluate-report");
	private static Simulator.Simulation sim;
	private static ClassificationResult w1, l2;

	@BeforeAll
	static void simulateAndClassify() {
		System.setProperty("java.awt.headless", "true");
		final Simulator.Parameters p = new Simulator.Parameters();
		p.count = 400;
		p.size = 32;
		p.snr = 0.5;
		p.seed = 3;
		p.threads = 2;
		sim = Simulator.simulate(new Projector(Phantom.create(48, 2), 48), p, null);
		w1 = classify("w1");
		l2 = classify("l2");
	}

	private static ClassificationResult classify(final String metric) {
		final ClassificationParameters c = new ClassificationParameters();
		c.classes = 12;
		c.metric = metric;
		c.rotations = 36;
		c.maxIterations = 6;
		c.levels = 4;
		c.seed = 1;
		c.threads = 2;
		return Classifier.classify(sim.noisy, c, null);
	}

	@Test
	void writesReport() throws IOException {
		final Summary s = Evaluation.writeReport(OUT.resolve("w1"), "W1", w1, sim.viewingDirections());
		for (final String f : new String[] { Evaluation.SUMMARY, Evaluation.ANGLES_PNG,
			Evaluation.OCCUPANCY_PNG, Evaluation.TOP_CLASSES_PNG })
			assertTrue(Files.size(OUT.resolve("w1").resolve(f)) > 0, f);
		final String json = new String(Files.readAllBytes(OUT.resolve("w1/summary.json")),
			StandardCharsets.UTF_8);
		assertEquals(s.toJson(), json);
		assertEquals(400, s.occupancy.particles);
		// Classes gather similar views: far more close pairs than random directions (3 %).
		assertTrue(s.angles.fractionBelow20 > 0.06, "fraction below 20°: " + s.angles.fractionBelow20);
		assertTrue(s.angles.median < 80, "median " + s.angles.median);
		final BufferedImage top = ImageIO.read(OUT.resolve("w1/top_classes.png").toFile());
		assertEquals(4 * 200 + 5 * 16, top.getWidth());
		final BufferedImage angles = ImageIO.read(OUT.resolve("w1/angles.png").toFile());
		assertEquals(960, angles.getWidth());
	}

	@Test
	void overlaysSeries() throws IOException {
		final AngularSpread a = AngularSpread.of(w1.classOf, sim.viewingDirections());
		final AngularSpread b = AngularSpread.of(l2.classOf, sim.viewingDirections());
		Files.createDirectories(OUT);
		Plots.angles(OUT.resolve("angles_w1_l2.png"), Arrays.asList(new Plots.Series("W1", a),
			new Plots.Series("L2", b)));
		Plots.occupancy(OUT.resolve("occupancy_l2.png"), l2.occupancy);
		assertTrue(Files.size(OUT.resolve("angles_w1_l2.png")) > 1000);
		// Many classes: thin bars without gaps.
		final int[] many = new int[150];
		for (int c = 0; c < many.length; c++)
			many[c] = (int) Math.round(200 * Math.exp(-c / 30.0));
		Plots.occupancy(OUT.resolve("occupancy_150.png"), many);
		assertEquals(960, ImageIO.read(OUT.resolve("occupancy_150.png").toFile()).getWidth());
		// Few classes: the montage shows what there is.
		Plots.topClasses(OUT.resolve("top3.png"), Arrays.copyOf(l2.classAverages, 3), l2.size, Arrays
			.copyOf(l2.occupancy, 3), 8);
		assertEquals(3 * 200 + 4 * 16, ImageIO.read(OUT.resolve("top3.png").toFile()).getWidth());
	}
}

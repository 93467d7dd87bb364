package org.cryoem.wasserstein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.AnglesStar;
import org.cryoem.wasserstein.io.Mrc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** phantom → simulate → classify → evaluate, through the command line. */
class SimulateEvaluateCliTest {

	@TempDir
	Path tmp;

	@Test
	void endToEnd() throws Exception {
		final Path map = tmp.resolve("phantom.mrc");
		assertEquals(0, Main.run("phantom", "--size", "32", "--seed", "4", "--output", map
			.toString()));
		assertEquals(32, Mrc.read(map).nz());
		final Path sim = tmp.resolve("sim");
		assertEquals(0, Main.run("simulate", "--map", map.toString(), "--count", "40", "--size",
			"32", "--snr", "2", "--seed", "9", "--output", sim.toString(), "-q"));
		final ParticleStack noisy = Mrc.readStack(sim.resolve("particles.mrcs"));
		final ParticleStack clean = Mrc.readStack(sim.resolve("clean.mrcs"));
		assertEquals(40, noisy.count());
		assertEquals(32, clean.size());
		// SNR = mean squared clean pixel / noise variance
		double signal = 0, noise = 0;
		for (int i = 0; i < 40; i++)
			for (int p = 0; p < 32 * 32; p++) {
				signal += clean.image(i)[p] * clean.image(i)[p];
				final double d = noisy.image(i)[p] - clean.image(i)[p];
				noise += d * d;
			}
		assertEquals(2, signal / noise, 0.1);
		final double[][] angles = AnglesStar.read(sim.resolve("truth.star"));
		assertEquals(40, angles.length);
		assertEquals("000001@particles.mrcs", AnglesStar.readImageNames(sim.resolve(
			"truth.star"))[0]);

		final Path run = tmp.resolve("run");
		assertEquals(0, Main.run("classify", sim.resolve("particles.mrcs").toString(), "--classes",
			"4", "--rotations", "24", "--output", run.toString(), "-q"));
		final Path ev = tmp.resolve("ev");
		assertEquals(0, Main.run("evaluate", "--truth", sim.resolve("truth.star").toString(),
			"--assignments", run.resolve("particles.star").toString(), "--output", ev.toString()));
		final String json = new String(Files.readAllBytes(ev.resolve("summary.json")),
			StandardCharsets.UTF_8);
		for (final String key : new String[] { "median_deg", "mean_deg", "p25_deg", "p75_deg",
			"frac_below_20deg", "occupancy_max", "occupancy_median", "occupancy_gini" })
			assertTrue(json.contains("\"" + key + "\""), key);
		for (final String png : new String[] { "angles.png", "occupancy.png", "top_classes.png" })
			assertTrue(Files.size(ev.resolve(png)) > 1000, png);
	}

	@Test
	void evaluateRefusesMismatchedFiles() throws Exception {
		final Path truth = tmp.resolve("truth.star");
		AnglesStar.write(truth, "particles.mrcs", new double[][] { { 0, 0, 0 }, { 10, 20, 30 } });
		final Path assign = tmp.resolve("particles.star");
		Files.write(assign, ("data_particles\nloop_\n_rlnImageName\n_rlnClassNumber\n" +
			"000001@particles.mrcs 1\n000003@particles.mrcs 1\n").getBytes(StandardCharsets.UTF_8));
		assertEquals(2, Main.run("evaluate", "--truth", truth.toString(), "--assignments", assign
			.toString(), "--output", tmp.resolve("ev").toString()));
	}
}

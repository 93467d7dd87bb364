package org.cryoem.wasserstein.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imagej.patcher.LegacyEnvironment;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.RunWriter;
import org.cryoem.wasserstein.io.StarFile;
import org.cryoem.wasserstein.io.StarFixtures;
import org.cryoem.wasserstein.io.StarParticles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented macro lines of the real-data commands in a headless, patched
 * ImageJ 1.x that finds them through {@code plugins.config}: classify a STAR
 * file with preprocessing, then select classes.
 */
class RealDataMacroTest {

	private static final int N = 32, SHAPES = 3, PER_SHAPE = 8;

	@TempDir
	Path tmp;

	@Test
	void classifyStarThenSelectClasses() throws Exception {
		final Path star = StarFixtures.relion31(tmp, TestImages.rotatedShapes(SHAPES, PER_SHAPE, N,
			0.05, 5, new int[SHAPES * PER_SHAPE]));
		final Path run = tmp.resolve("run"), subset = tmp.resolve("subset.star");
		final File checks = tmp.resolve("checks.txt").toFile();
		final LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
		ij1.disableIJ1PluginDirs();
		ij1.addPluginClasspath(classesDir());
		ij1.runMacro(String.join("\n", //
			"setBatchMode(true);", //
			"run(\"Wasserstein 2D Classes from File\", \"input_file=[" + star + "] classes=3" +
				" metric=L2 rotations=12 max_iterations=10 seed=1 threads=1 box=24 normalize invert" +
				" output_dir=[" + run + "]\");", //
			"s = \"nImages=\" + nImages + \"\\n\";", //
			"s = s + \"nResults=\" + nResults + \"\\n\";", //
			"run(\"Select 2D Classes\", \"run=[" + run + "] classes=1,2 min_occupancy=0 output=[" +
				subset + "]\");", //
			"File.saveString(s, \"" + checks.getAbsolutePath() + "\");"), "");
		assertTrue(checks.exists(), "the macro ran to the end");
		final String s = new String(Files.readAllBytes(checks.toPath()), StandardCharsets.UTF_8);
		assertTrue(s.contains("nResults=" + SHAPES * PER_SHAPE), s);
		assertEquals(24, Mrc.readHeader(run.resolve(RunWriter.CLASS_AVERAGES)).nx);
		final String json = new String(Files.readAllBytes(run.resolve(RunWriter.RUN)),
			StandardCharsets.UTF_8);
		assertTrue(json.contains("\"normalize\": true") && json.contains("\"invert\": true"), json);
		final StarParticles back = StarParticles.read(subset);
		assertEquals(2 * PER_SHAPE, back.stack.count());
		assertEquals(2, back.star.blocks().size());
		for (int r = 0; r < back.stack.count(); r++)
			assertFalse(back.particles.value(r, "_rlnClassNumber").equals("3"));
		assertEquals(StarFile.read(star).block("particles").columns().size() + 3, back.particles
			.columns().size());
	}

	@Test
	void imageCommandTakesBoxNormalizeInvert() throws Exception {
		final org.cryoem.wasserstein.image.ParticleStack shapes = TestImages.rotatedShapes(SHAPES,
			PER_SHAPE, N, 0.05, 5, new int[SHAPES * PER_SHAPE]);
		final ij.ImageStack stack = new ij.ImageStack(N, N);
		for (int i = 0; i < shapes.count(); i++)
			stack.addSlice(new ij.process.FloatProcessor(N, N, shapes.image(i).clone()));
		final File tif = tmp.resolve("particles.tif").toFile();
		new ij.io.FileSaver(new ij.ImagePlus("particles", stack)).saveAsTiffStack(tif.getPath());
		final Path run = tmp.resolve("run");
		final File checks = tmp.resolve("checks.txt").toFile();
		final LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
		ij1.disableIJ1PluginDirs();
		ij1.addPluginClasspath(classesDir());
		ij1.runMacro(String.join("\n", //
			"setBatchMode(true);", //
			"open(\"" + tif.getAbsolutePath() + "\");", //
			"run(\"Wasserstein 2D Classes\", \"classes=3 metric=L2 rotations=12 max_iterations=10" +
				" seed=1 threads=1 box=16 normalize invert output_dir=[" + run + "]\");", //
			"s = \"\";", //
			"for (i = 1; i <= nImages; i++) { selectImage(i); if (startsWith(getTitle(), " +
				"\"Class averages\")) s = s + \"width=\" + getWidth() + \"\\n\"; }", //
			"File.saveString(s, \"" + checks.getAbsolutePath() + "\");"), "");
		final String s = new String(Files.readAllBytes(checks.toPath()), StandardCharsets.UTF_8);
		assertTrue(s.contains("width=16"), s);
		assertEquals(16, Mrc.readHeader(run.resolve(RunWriter.CLASS_AVERAGES)).nx);
	}

	@Test
	void selectWithAnUnknownClassAbortsWithAMessage() throws Exception {
		final Path run = tmp.resolve("missing-run"), out = tmp.resolve("s.star");
		final File checks = tmp.resolve("checks.txt").toFile();
		final LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
		ij1.disableIJ1PluginDirs();
		ij1.addPluginClasspath(classesDir());
		ij1.runMacro("run(\"Select 2D Classes\", \"run=[" + run + "] classes=1 output=[" + out +
			"]\");\nFile.saveString(\"ran\", \"" + checks.getAbsolutePath() + "\");", "");
		assertFalse(checks.exists(), "IJ.error aborts the macro");
		assertFalse(Files.exists(out));
	}

	private static File classesDir() throws URISyntaxException {
		return new File(Select_2D_Classes.class.getProtectionDomain().getCodeSource().getLocation()
			.toURI());
	}
}

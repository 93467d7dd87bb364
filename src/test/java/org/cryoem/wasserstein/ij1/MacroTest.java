package org.cryoem.wasserstein.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;

import net.imagej.patcher.LegacyEnvironment;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.image.ParticleStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the documented macro line in a headless, patched ImageJ 1.x
 * ({@link LegacyEnvironment}), which finds the plugin the way ImageJ 1.x does:
 * through {@code plugins.config} at the root of the compiled classes.
 */
class MacroTest {

	private static final int N = 32, SHAPES = 3, PER_SHAPE = 8;

	@TempDir
	Path tmp;

	@Test
	void macroLineProducesStackAndTables() throws Exception {
		final Properties p = runMacro("classes=3 metric=L2 rotations=12 max_iterations=10 seed=1" +
			" mask_radius=-1 threads=2");
		// input, class averages, occupancy plot
		assertEquals("3", p.getProperty("nImages"));
		assertEquals("3", p.getProperty("averages.nSlices"));
		assertEquals("class 1 (n=" + PER_SHAPE + ")", p.getProperty("averages.label1"));
		assertEquals(String.valueOf(SHAPES * PER_SHAPE), p.getProperty("nResults"));
		assertEquals(String.valueOf(PER_SHAPE), p.getProperty("results.class1"));
		assertEquals("1", p.getProperty("results.particle1"));
		// headless ImageJ 1.x has no table windows: the summary table exists only with a display
		if (p.getProperty("summary.size") != null) {
			assertEquals("3", p.getProperty("summary.size"));
			assertEquals(String.valueOf(PER_SHAPE), p.getProperty("summary.occupancy1"));
		}
		assertEquals("0", p.getProperty("input.changed"));
	}

	@Test
	void invalidParametersAbortTheMacroWithAMessage() throws Exception {
		// classes=30 > 24 images: IJ.error reports it and aborts the macro,
		// as for any ImageJ 1.x command; no exception reaches the caller
		assertNull(runMacro("classes=30 metric=L2"));
	}

	@Test
	void existingResultsAreKeptUnlessOverwriteIsGiven() throws Exception {
		final Path dir = tmp.resolve("run");
		java.nio.file.Files.createDirectories(dir);
		final Path runJson = dir.resolve(org.cryoem.wasserstein.io.RunWriter.RUN);
		java.nio.file.Files.write(runJson, new byte[] { '{', '}' });
		final String options = "classes=3 metric=L2 rotations=12 max_iterations=2 output_dir=[" +
			dir + "]";
		assertNull(runMacro(options), "refused: the directory holds results");
		assertEquals(2, java.nio.file.Files.size(runJson));
		assertEquals("3", runMacro(options + " overwrite").getProperty("nImages"));
		assertTrue(java.nio.file.Files.size(runJson) > 100);
	}

	/**
	 * Runs the plugin on a synthetic stack and returns what the macro saw, or
	 * {@code null} if the macro was aborted.
	 */
	private Properties runMacro(final String options) throws Exception {
		final File input = tmp.resolve("particles.tif").toFile();
		writeStack(input);
		final File out = tmp.resolve("checks.txt").toFile();

		final LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
		ij1.disableIJ1PluginDirs();
		ij1.addPluginClasspath(classesDir());
		final String macro = String.join("\n", //
			"setBatchMode(true);", //
			"open(\"" + input.getAbsolutePath() + "\");", //
			"inputId = getImageID();", //
			"getRawStatistics(n, mean0, min0, max0, std0);", //
			"run(\"Wasserstein 2D Classes\", \"" + options + "\");", //
			"s = \"nImages=\" + nImages + \"\\n\";", //
			"s = s + \"nResults=\" + nResults + \"\\n\";", //
			"for (i = 1; i <= nImages; i++) {", //
			"  selectImage(i);", //
			"  if (startsWith(getTitle(), \"Class averages\")) {", //
			"    s = s + \"averages.nSlices=\" + nSlices + \"\\n\";", //
			"    setSlice(1);", //
			"    s = s + \"averages.label1=\" + getInfo(\"slice.label\") + \"\\n\";", //
			"  }", //
			"}", //
			"ones = 0;", //
			"for (i = 0; i < nResults; i++) if (getResult(\"class\", i) == 1) ones++;", //
			"s = s + \"results.class1=\" + ones + \"\\n\";", //
			"if (nResults > 0) s = s + \"results.particle1=\" + getResult(\"particle\", 0) + \"\\n\";", //
			"if (isOpen(\"" + ResultViews.CLASS_TABLE_TITLE + "\")) {", //
			"  s = s + \"summary.size=\" + Table.size(\"" + ResultViews.CLASS_TABLE_TITLE +
				"\") + \"\\n\";", //
			"  s = s + \"summary.occupancy1=\" + Table.get(\"occupancy\", 0, \"" +
				ResultViews.CLASS_TABLE_TITLE + "\") + \"\\n\";", //
			"}", //
			"selectImage(inputId);", //
			"getRawStatistics(n, mean1, min1, max1, std1);", //
			"changed = 0; if (mean0 != mean1 || std0 != std1) changed = 1;", //
			"s = s + \"input.changed=\" + changed + \"\\n\";", //
			"File.saveString(s, \"" + out.getAbsolutePath() + "\");");
		ij1.runMacro(macro, "");
		if (!out.exists()) return null;
		final Properties p = new Properties();
		try (java.io.Reader r = new java.io.FileReader(out)) {
			p.load(r);
		}
		return p;
	}

	private static File classesDir() throws URISyntaxException {
		// the main classes (with plugins.config at their root), not the test classes
		return new File(Wasserstein_2D_Classes.class.getProtectionDomain().getCodeSource()
			.getLocation().toURI());
	}

	private static void writeStack(final File file) {
		final int[] truth = new int[SHAPES * PER_SHAPE];
		final ParticleStack s = TestImages.rotatedShapes(SHAPES, PER_SHAPE, N, 0.05, 5, truth);
		final ImageStack stack = new ImageStack(N, N);
		for (int i = 0; i < s.count(); i++)
			stack.addSlice(new FloatProcessor(N, N, s.image(i).clone()));
		new FileSaver(new ImagePlus("particles", stack)).saveAsTiffStack(file.getAbsolutePath());
	}
}

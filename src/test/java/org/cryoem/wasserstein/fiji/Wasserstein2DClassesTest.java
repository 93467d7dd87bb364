package org.cryoem.wasserstein.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.File;
import java.util.HashSet;
import java.util.Set;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.distance.Metrics;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.ij1.OutputDirectory;
import org.cryoem.wasserstein.ij1.ResultViews;
import org.cryoem.wasserstein.ij1.Wasserstein_2D_Classes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.nio.file.Path;

import org.cryoem.wasserstein.io.RunWriter;
import org.cryoem.wasserstein.io.StarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Runs the SciJava command headlessly, as a script or headless Fiji would. */
class Wasserstein2DClassesTest {

	private static final int N = 32, SHAPES = 3, PER_SHAPE = 8;

	@ParameterizedTest
	@ValueSource(strings = { "L2", "W1" })
	void classifiesASyntheticStack(final String metric) throws Exception {
		final int[] truth = new int[SHAPES * PER_SHAPE];
		final ParticleStack stack = TestImages.rotatedShapes(SHAPES, PER_SHAPE, N, 0.05, 5, truth);
		final float[] data = new float[stack.count() * N * N];
		for (int i = 0; i < stack.count(); i++)
			System.arraycopy(stack.image(i), 0, data, i * N * N, N * N);
		final float[] before = data.clone();
		final Img<FloatType> input = ArrayImgs.floats(data, N, N, stack.count());

		try (Context context = new Context()) {
			final CommandModule module = context.service(CommandService.class).run(
				Wasserstein2DClasses.class, true, "input", input, "classes", SHAPES, "metric", metric,
				"rotations", 12, "max_iterations", 10, "seed", 1L, "threads", 2).get();

			final ImagePlus averages = (ImagePlus) module.getOutput("class_averages");
			assertNotNull(averages);
			assertEquals(SHAPES, averages.getStackSize());
			assertEquals(N, averages.getWidth());
			assertEquals("class 1 (n=" + PER_SHAPE + ")", averages.getStack().getSliceLabel(1));

			final ResultsTable classes = (ResultsTable) module.getOutput("class_table");
			assertEquals(SHAPES, classes.size());
			for (int c = 0; c < SHAPES; c++) {
				assertEquals(c + 1, classes.getValue("class", c), 0);
				assertEquals(PER_SHAPE, classes.getValue("occupancy", c), 0);
				assertTrue(classes.getValue("mean distance", c) >= 0);
			}

			final ResultsTable particles = (ResultsTable) module.getOutput("particle_table");
			assertEquals(stack.count(), particles.size());
			final int[] found = new int[stack.count()];
			for (int i = 0; i < found.length; i++) {
				assertEquals(i + 1, particles.getValue("particle", i), 0);
				found[i] = (int) particles.getValue("class", i) - 1;
				final double angle = particles.getValue("angle", i);
				assertTrue(angle >= 0 && angle < 360, "angle " + angle);
				assertTrue(particles.getValue("distance", i) >= 0);
			}
			assertEquals(1.0, TestImages.adjustedRandIndex(truth, found), 1e-12);

			final ImagePlus plot = (ImagePlus) module.getOutput("occupancy");
			assertNotNull(plot);
			assertTrue(plot.getTitle().startsWith("Class occupancy"));
		}
		assertArrayEquals(before, data, "input untouched");
	}

	@Test
	void invalidParametersAreReportedNotThrown() throws Exception {
		final Img<FloatType> input = ArrayImgs.floats(N, N, 4);
		try (Context context = new Context()) {
			final CommandModule module = context.service(CommandService.class).run(
				Wasserstein2DClasses.class, true, "input", input, "classes", 10, "metric", "L2").get();
			assertNull(module.getOutput("class_averages"));
			assertNull(module.getOutput("particle_table"));
		}
	}

	@Test
	void parameterNamesAreTheMacroKeysOfBothAdapters() {
		try (Context context = new Context()) {
			final CommandInfo info = context.service(CommandService.class).getCommand(
				Wasserstein2DClasses.class);
			final Set<String> names = new HashSet<>();
			info.inputs().forEach(item -> names.add(item.getName()));
			for (final String key : new String[] { "classes", "metric", "rotations", "max_iterations",
				"seed", "mask_radius", "threads", "output_dir" })
				assertTrue(names.contains(key), key + " in " + names);
			assertEquals("Wasserstein 2D Classes", info.getLabel());
			assertEquals(Wasserstein_2D_Classes.TITLE, info.getLabel());
			assertArrayEquals(Wasserstein_2D_Classes.METRICS, info.getInput("metric").getChoices()
				.toArray());
		}
	}

	@Test
	void outputDirectoryReceivesTheSameFilesAsTheCommandLine(@TempDir final Path tmp)
		throws Exception
	{
		final int[] truth = new int[SHAPES * PER_SHAPE];
		final ParticleStack stack = TestImages.rotatedShapes(SHAPES, PER_SHAPE, N, 0.05, 5, truth);
		final float[] data = new float[stack.count() * N * N];
		for (int i = 0; i < stack.count(); i++)
			System.arraycopy(stack.image(i), 0, data, i * N * N, N * N);
		final File out = tmp.resolve("run").toFile();
		try (Context context = new Context()) {
			final CommandModule module = context.service(CommandService.class).run(
				Wasserstein2DClasses.class, true, "input", ArrayImgs.floats(data, N, N, stack.count()),
				"classes", SHAPES, "metric", "L2", "rotations", 12, "threads", 1, "output_dir", out)
				.get();
			assertNotNull(module.getOutput("class_averages"));
		}
		for (final String f : new String[] { RunWriter.CLASS_AVERAGES, RunWriter.PARTICLES,
			RunWriter.CLASSES, RunWriter.OCCUPANCY, RunWriter.RUN })
			assertTrue(new File(out, f).isFile(), f);
		assertEquals(stack.count(), StarFile.read(new File(out, RunWriter.PARTICLES).toPath())
			.block("particles").rows().size());
	}

	@Test
	void defaultsMatchTheCore() {
		final ClassificationParameters core = new ClassificationParameters();
		final ClassificationParameters p = new Wasserstein2DClasses().parameters();
		assertEquals(core.classes, p.classes);
		assertEquals(core.metric, p.metric);
		assertEquals(core.rotations, p.rotations);
		assertEquals(core.maxIterations, p.maxIterations);
		assertEquals(core.seed, p.seed);
		assertEquals(core.maskRadius, p.maskRadius, 0);
		assertEquals(core.threads, p.threads);
		assertEquals("Results", ResultViews.PARTICLE_TABLE_TITLE);
	}

}

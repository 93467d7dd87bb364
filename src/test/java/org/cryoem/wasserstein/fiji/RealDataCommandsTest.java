package org.cryoem.wasserstein.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import net.imglib2.img.array.ArrayImgs;

import org.cryoem.wasserstein.TestImages;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.io.ClassSelection;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.RunWriter;
import org.cryoem.wasserstein.io.StarFile;
import org.cryoem.wasserstein.io.StarFixtures;
import org.cryoem.wasserstein.io.StarParticles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Runs the real-data commands headlessly: classification of a STAR file with
 * preprocessing, the box option of the image command, and Select 2D Classes.
 */
class RealDataCommandsTest {

	private static final int N = 32, SHAPES = 3, PER_SHAPE = 8;

	@TempDir
	Path tmp;

	private ParticleStack shapes() {
		return TestImages.rotatedShapes(SHAPES, PER_SHAPE, N, 0.05, 5, new int[SHAPES * PER_SHAPE]);
	}

	@Test
	void starFileToRunToSubset() throws Exception {
		final Path star = StarFixtures.relion31(tmp, shapes());
		final Path run = tmp.resolve("run");
		try (Context context = new Context()) {
			final CommandService commands = context.service(CommandService.class);
			final CommandModule module = commands.run(Wasserstein2DClassesFromFile.class, true,
				"input_file", star.toFile(), "classes", SHAPES, "metric", "L2", "rotations", 12,
				"max_iterations", 10, "seed", 1L, "threads", 1, "box", 24, "normalize", true,
				"output_dir", run.toFile()).get();
			final ImagePlus averages = (ImagePlus) module.getOutput("class_averages");
			assertNotNull(averages);
			assertEquals(24, averages.getWidth());
			assertEquals("class 1 (n=" + PER_SHAPE + ")", averages.getStack().getSliceLabel(1));
			final StarFile out = StarFile.read(run.resolve(RunWriter.PARTICLES));
			assertEquals(StarFile.read(star).block("optics").rows().get(0)[4], out.block("optics")
				.value(0, "_rlnImageSize"));
			assertEquals(SHAPES * PER_SHAPE, out.block("particles").rows().size());
			assertEquals(24, Mrc.readHeader(run.resolve(RunWriter.CLASS_AVERAGES)).nx);

			// the same output_dir again: refused without overwrite, replaced with it
			final long written = Files.getLastModifiedTime(run.resolve(RunWriter.RUN)).toMillis();
			final CommandModule again = commands.run(Wasserstein2DClassesFromFile.class, true,
				"input_file", star.toFile(), "classes", SHAPES, "metric", "L2", "rotations", 12,
				"max_iterations", 10, "seed", 1L, "threads", 1, "box", 24, "normalize", true,
				"output_dir", run.toFile()).get();
			assertNull(again.getOutput("class_averages"));
			assertEquals(written, Files.getLastModifiedTime(run.resolve(RunWriter.RUN)).toMillis());
			final CommandModule replaced = commands.run(Wasserstein2DClassesFromFile.class, true,
				"input_file", star.toFile(), "classes", SHAPES, "metric", "L2", "rotations", 12,
				"max_iterations", 10, "seed", 1L, "threads", 1, "box", 24, "normalize", true,
				"output_dir", run.toFile(), "overwrite", true).get();
			assertNotNull(replaced.getOutput("class_averages"));

			final Path subset = tmp.resolve("subset.star");
			commands.run(Select2DClasses.class, true, "run", run.toFile(), "classes", "1,3",
				"min_occupancy", 0, "output", subset.toFile()).get();
			final StarParticles back = StarParticles.read(subset);
			assertEquals(2 * PER_SHAPE, back.stack.count());
			assertEquals(N, back.stack.size());
			for (int r = 0; r < back.stack.count(); r++)
				assertFalse(back.particles.value(r, "_rlnClassNumber").equals("2"));

			// unknown class: reported, nothing written
			final Path none = tmp.resolve("none.star");
			commands.run(Select2DClasses.class, true, "run", run.toFile(), "classes", "9",
				"min_occupancy", 0, "output", none.toFile()).get();
			assertFalse(Files.exists(none));
			// min_occupancy alone
			commands.run(Select2DClasses.class, true, "run", run.toFile(), "min_occupancy",
				PER_SHAPE, "output", none.toFile()).get();
			assertEquals(SHAPES * PER_SHAPE, StarParticles.read(none).stack.count());
			assertEquals(PER_SHAPE, ClassSelection.occupancy(run)[0]);
		}
	}

	@Test
	void boxShrinksTheImageCommandsWorkingSize() throws Exception {
		final ParticleStack s = shapes();
		final float[] data = new float[s.count() * N * N];
		for (int i = 0; i < s.count(); i++)
			System.arraycopy(s.image(i), 0, data, i * N * N, N * N);
		try (Context context = new Context()) {
			final CommandModule module = context.service(CommandService.class).run(
				Wasserstein2DClasses.class, true, "input", ArrayImgs.floats(data, N, N, s.count()),
				"classes", SHAPES, "metric", "L2", "rotations", 12, "threads", 1, "box", 16, "invert",
				true).get();
			final ImagePlus averages = (ImagePlus) module.getOutput("class_averages");
			assertEquals(16, averages.getWidth());
			// box larger than the images: reported, no output
			final CommandModule bad = context.service(CommandService.class).run(
				Wasserstein2DClasses.class, true, "input", ArrayImgs.floats(data, N, N, s.count()),
				"classes", SHAPES, "metric", "L2", "box", 40).get();
			assertNull(bad.getOutput("class_averages"));
		}
	}

	@Test
	void macroKeysOfTheNewParameters() {
		try (Context context = new Context()) {
			final CommandService commands = context.service(CommandService.class);
			for (final Class<?> c : new Class<?>[] { Wasserstein2DClasses.class,
				Wasserstein2DClassesFromFile.class })
			{
				final Set<String> names = names(commands.getCommand(c.getName()));
				for (final String key : new String[] { "box", "normalize", "invert", "output_dir" })
					assertTrue(names.contains(key), c.getSimpleName() + ": " + key + " in " + names);
			}
			assertTrue(names(commands.getCommand(Wasserstein2DClassesFromFile.class.getName()))
				.contains("input_file"));
			final CommandInfo select = commands.getCommand(Select2DClasses.class.getName());
			assertEquals("Select 2D Classes", select.getLabel());
			assertEquals(org.cryoem.wasserstein.ij1.Select_2D_Classes.TITLE, select.getLabel());
			assertEquals(org.cryoem.wasserstein.ij1.Wasserstein_2D_Classes_From_File.TITLE, commands
				.getCommand(Wasserstein2DClassesFromFile.class.getName()).getLabel());
			final Set<String> names = names(select);
			for (final String key : new String[] { "run", "classes", "min_occupancy", "output" }) {
				assertTrue(names.contains(key), key);
				assertFalse(select.getInput(key).isPersisted(), key + " is not persisted");
			}
		}
	}

	private static Set<String> names(final CommandInfo info) {
		final Set<String> names = new HashSet<>();
		info.inputs().forEach(item -> names.add(item.getName()));
		return names;
	}
}

package org.cryoem.wasserstein.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.cryoem.wasserstein.cluster.MemoryEstimate;
import org.cryoem.wasserstein.io.RunWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;

/**
 * Bad input to the Fiji command, headless: one logged error line, no outputs,
 * no stack trace, nothing written.
 */
class HostileInputFijiTest {

	private static final int N = 32;

	@TempDir
	Path tmp;

	private static Img<FloatType> noise(final int n) {
		final Random random = new Random(7);
		final float[] data = new float[n * N * N];
		for (int i = 0; i < data.length; i++)
			data[i] = (float) random.nextGaussian();
		return ArrayImgs.floats(data, N, N, n);
	}

	/** Runs the command; returns the module and collects the error lines logged. */
	private static CommandModule run(final List<String> errors, final Object... inputs)
		throws Exception
	{
		try (Context context = new Context()) {
			context.service(LogService.class).addLogListener(message -> {
				if (message.level() == LogService.ERROR) errors.add(message.text());
			});
			final Object[] all = new Object[inputs.length + 6];
			System.arraycopy(inputs, 0, all, 0, inputs.length);
			System.arraycopy(new Object[] { "metric", "L2", "rotations", 8, "max_iterations", 2 }, 0,
				all, inputs.length, 6);
			return context.service(CommandService.class).run(Wasserstein2DClasses.class, true, all)
				.get();
		}
	}

	private static void refused(final String expected, final Object... inputs) throws Exception {
		final List<String> errors = new ArrayList<>();
		final CommandModule module = run(errors, inputs);
		assertNull(module.getOutput("class_averages"));
		assertEquals(1, errors.size(), errors.toString());
		assertTrue(errors.get(0).contains(expected), errors.get(0));
		assertEquals(1, errors.get(0).split("\n").length, errors.get(0));
	}

	@Test
	void nanConstantAndTooLittleHeap() throws Exception {
		final Img<FloatType> nan = noise(4);
		nan.randomAccess().setPositionAndGet(3, 5, 2).set(Float.NaN);
		refused("Image 3 contains NaN", "input", nan, "classes", 2);
		refused("All 4 images are constant", "input", ArrayImgs.floats(N, N, 4), "classes", 2);
		System.setProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY, Long.toString(1L << 20));
		try {
			refused("Memory & Threads", "input", noise(4), "classes", 2);
		}
		finally {
			System.clearProperty(MemoryEstimate.HEAP_LIMIT_PROPERTY);
		}
	}

	@Test
	void existingResultsNeedOverwrite() throws Exception {
		final File out = tmp.resolve("run").toFile();
		Files.createDirectories(out.toPath());
		final Path runJson = out.toPath().resolve(RunWriter.RUN);
		Files.write(runJson, "{}".getBytes(StandardCharsets.UTF_8));
		refused("give the overwrite option", "input", noise(6), "classes", 2, "output_dir", out);
		assertEquals("{}", new String(Files.readAllBytes(runJson), StandardCharsets.UTF_8));
		assertTrue(!Files.exists(out.toPath().resolve(RunWriter.PARTICLES)));

		final List<String> errors = new ArrayList<>();
		final CommandModule module = run(errors, "input", noise(6), "classes", 2, "output_dir", out,
			"overwrite", true);
		assertNotNull(module.getOutput("class_averages"));
		assertTrue(errors.isEmpty(), errors.toString());
		assertTrue(Files.size(runJson) > 100);
		assertTrue(Files.exists(out.toPath().resolve(RunWriter.PARTICLES)));
	}
}

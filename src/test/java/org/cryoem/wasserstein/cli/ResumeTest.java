package org.cryoem.wasserstein.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cryoem.wasserstein.cluster.Checkpoint;
import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.Classifier;
import org.cryoem.wasserstein.cluster.LloydState;
import org.cryoem.wasserstein.image.ParticleStack;
import org.cryoem.wasserstein.image.Preprocessing;
import org.cryoem.wasserstein.io.CheckpointFiles;
import org.cryoem.wasserstein.io.ParticleInput;
import org.cryoem.wasserstein.io.PreprocessingRecord;
import org.cryoem.wasserstein.io.Mrc;
import org.cryoem.wasserstein.io.OutputGuard;
import org.cryoem.wasserstein.io.ParticleFiles;
import org.cryoem.wasserstein.io.RunWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a classification run in a child JVM after its first Lloyd iterations,
 * resumes it with {@code --resume}, and compares every output with an
 * uninterrupted run of the same seed.
 */
class ResumeTest {

	@TempDir
	Path tmp;

	/** Pure noise: k-means keeps improving for several iterations. */
	private Path noiseStack(final int n, final int size) throws Exception {
		final Random random = new Random(42);
		final float[][] images = new float[n][size * size];
		for (final float[] image : images)
			for (int p = 0; p < image.length; p++)
				image[p] = (float) random.nextGaussian();
		final Path file = tmp.resolve("noise.mrcs");
		Mrc.writeStack(file, new ParticleStack(size, images), 1.5);
		return file;
	}

	private static final String[] RUN = { "--classes", "10", "--metric", "l2", "--rotations", "36",
		"--max-iterations", "6", "--seed", "5", "--search", "exhaustive", "-q" };

	private static String[] args(final String... head) {
		final String[] a = Arrays.copyOf(head, head.length + RUN.length);
		System.arraycopy(RUN, 0, a, head.length, RUN.length);
		return a;
	}

	@Test
	@Timeout(value = 300, unit = TimeUnit.SECONDS)
	void killedRunResumesToTheSameResult() throws Exception {
		final Path in = noiseStack(300, 48);
		final Path killed = tmp.resolve("killed"), whole = tmp.resolve("whole");

		// 1. a child JVM, killed once its checkpoint shows a finished Lloyd iteration
		final List<String> command = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty(
			"java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
			Main.class.getName()));
		command.addAll(Arrays.asList(args("classify", in.toString(), "--threads", "1", "--output",
			killed.toString())));
		final Path log = tmp.resolve("child.log");
		final Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
			log.toFile()).start();
		final Path info = killed.resolve(OutputGuard.CHECKPOINT).resolve(CheckpointFiles.INFO);
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
		int seen = -1;
		try {
			while (seen < 1) {
				if (!child.isAlive()) fail("the child ended (exit " + child.exitValue() +
					") before it could be killed: " + new String(Files.readAllBytes(log),
						StandardCharsets.UTF_8));
				if (System.nanoTime() > deadline) fail("no checkpoint after 240 s");
				seen = iteration(info);
				if (seen < 1) Thread.sleep(10);
			}
		}
		finally {
			child.destroyForcibly();
			assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
		}
		assertFalse(Files.exists(killed.resolve(RunWriter.RUN)), "killed before the end");
		final int savedIteration = CheckpointFiles.read(killed).state.iteration;
		assertTrue(savedIteration >= 1, "iteration " + savedIteration);

		// 2. resume it (other thread count: the result does not depend on it)
		final String resumed = CliTest.run(0, "classify", "--resume", killed.toString(), "--threads",
			"2", "-q")[0];
		assertTrue(resumed.contains("300 images -> 10 classes"), resumed);
		assertFalse(Files.exists(killed.resolve(OutputGuard.CHECKPOINT)), "checkpoint removed");

		// 3. the uninterrupted run
		CliTest.run(0, args("classify", in.toString(), "--threads", "2", "--output", whole
			.toString()));

		for (final String name : new String[] { RunWriter.PARTICLES, RunWriter.CLASSES,
			RunWriter.OCCUPANCY })
			assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(killed
				.resolve(name)), name);
		final ParticleStack a = Mrc.readStack(whole.resolve(RunWriter.CLASS_AVERAGES)), b = Mrc
			.readStack(killed.resolve(RunWriter.CLASS_AVERAGES));
		assertEquals(a.count(), b.count());
		for (int c = 0; c < a.count(); c++)
			assertArrayEquals(a.image(c), b.image(c), "class " + c);
		assertEquals(field(whole, "loss"), field(killed, "loss"));
		assertEquals(field(whole, "iterations"), field(killed, "iterations"));
		assertEquals(field(whole, "occupancy"), field(killed, "occupancy"));
		System.out.println("ResumeTest: killed after iteration " + savedIteration + " of " + field(
			whole, "iterations"));
	}

	/**
	 * Makes the checkpoint a run killed after Lloyd iteration 1 leaves, in
	 * process: the run is stopped right after that save.
	 */
	private void interrupted(final Path in, final Path dir) throws Exception {
		interrupted(in, dir, new Preprocessing());
	}

	/** The same for a run whose images were preprocessed with {@code prep}. */
	private void interrupted(final Path in, final Path dir, final Preprocessing prep)
		throws Exception
	{
		final ParticleFiles.Loaded loaded = ParticleFiles.readStack(in);
		final ClassificationParameters p = new ClassificationParameters();
		p.classes = 3;
		p.metric = "l2";
		p.rotations = 8;
		p.maxIterations = 4;
		p.seed = 9;
		final ParticleStack stack = ParticleInput.prepare(loaded.stack, prep, p);
		final CheckpointFiles files = CheckpointFiles.start(dir, p, in, in.getFileName().toString(),
			stack, loaded.pixelSize);
		PreprocessingRecord.save(dir, prep);
		final Checkpoint stopAfterOne = new Checkpoint() {

			@Override
			public LloydState restore() {
				return null;
			}

			@Override
			public void save(final LloydState state) throws java.io.IOException {
				files.save(state);
				if (state.iteration >= 1) throw new CancellationException("killed");
			}
		};
		assertThrows(CancellationException.class, () -> Classifier.classify(stack, p, null,
			stopAfterOne));
		assertEquals(1, CheckpointFiles.read(dir).state.iteration);
	}

	@Test
	void resumeRefusesConflictsAndMissingCheckpoints() throws Exception {
		final Path in = noiseStack(40, 32);
		final Path empty = tmp.resolve("empty");
		Files.createDirectories(empty);
		String err = CliTest.run(2, "classify", "--resume", empty.toString())[1];
		assertTrue(err.contains("no checkpoint"), err);

		final Path dir = tmp.resolve("out");
		interrupted(in, dir);
		// a new run into it is refused: it names --resume and --overwrite
		err = CliTest.run(2, "classify", in.toString(), "--output", dir.toString())[1];
		assertTrue(err.contains("--resume") && err.contains("--overwrite"), err);
		// conflicting parameters are refused; equal ones are accepted
		err = CliTest.run(2, "classify", "--resume", dir.toString(), "--classes", "4")[1];
		assertTrue(err.contains("--classes 4 conflicts with the checkpoint") && err.contains("3"),
			err);
		err = CliTest.run(2, "classify", "--resume", dir.toString(), "--metric", "w1")[1];
		assertTrue(err.contains("--metric"), err);
		err = CliTest.run(2, "classify", "--resume", dir.toString(), "--output", tmp.resolve("else")
			.toString())[1];
		assertTrue(err.contains("--output"), err);
		// another input is refused
		final Path other = tmp.resolve("other.mrcs");
		final ParticleStack s = Mrc.readStack(in).copy();
		s.image(0)[0] += 1;
		Mrc.writeStack(other, s, 1);
		err = CliTest.run(2, "classify", other.toString(), "--resume", dir.toString())[1];
		assertTrue(err.contains("is not the input"), err);
		assertTrue(CheckpointFiles.exists(dir), "a refused resume keeps the checkpoint");

		// and a resume with equal parameters gives the uninterrupted result
		CliTest.run(0, "classify", "--resume", dir.toString(), "--classes", "3", "--seed", "9", "-q");
		final Path whole = tmp.resolve("whole");
		CliTest.run(0, "classify", in.toString(), "--classes", "3", "--metric", "l2", "--rotations",
			"8", "--max-iterations", "4", "--seed", "9", "--output", whole.toString(), "-q");
		for (final String name : new String[] { RunWriter.PARTICLES, RunWriter.CLASSES })
			assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(dir.resolve(
				name)), name);
		assertEquals(field(whole, "loss"), field(dir, "loss"));
		assertFalse(CheckpointFiles.exists(dir));
	}

	@Test
	void resumeRepeatsThePreprocessing() throws Exception {
		final Path in = noiseStack(40, 32);
		final Preprocessing prep = new Preprocessing();
		prep.box = 24;
		prep.normalize = true;
		prep.invert = true;
		final Path dir = tmp.resolve("prep");
		interrupted(in, dir, prep);
		String err = CliTest.run(2, "classify", "--resume", dir.toString(), "--box", "16")[1];
		assertTrue(err.contains("preprocessing"), err);
		CliTest.run(0, "classify", "--resume", dir.toString(), "-q");
		final Path whole = tmp.resolve("prep-whole");
		CliTest.run(0, "classify", in.toString(), "--classes", "3", "--metric", "l2", "--rotations",
			"8", "--max-iterations", "4", "--seed", "9", "--box", "24", "--normalize", "--invert",
			"--output", whole.toString(), "-q");
		for (final String name : new String[] { RunWriter.PARTICLES, RunWriter.CLASSES })
			assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(dir.resolve(
				name)), name);
		assertEquals(24, Mrc.readStack(dir.resolve(RunWriter.CLASS_AVERAGES)).size());
		assertEquals(field(whole, "loss"), field(dir, "loss"));
	}

	@Test
	void damagedCheckpointIsOneLineInputError() throws Exception {
		final Path in = noiseStack(40, 32);
		final Path dir = tmp.resolve("out");
		interrupted(in, dir);
		final Path state = dir.resolve(OutputGuard.CHECKPOINT).resolve(CheckpointFiles.STATE);
		final byte[] bytes = Files.readAllBytes(state);
		Files.write(state, Arrays.copyOf(bytes, bytes.length / 2));
		final String err = CliTest.run(2, "classify", "--resume", dir.toString())[1];
		assertTrue(err.contains("damaged"), err);
	}

	/** @return the "iteration" of a checkpoint.json, or −1 if it is not there (yet) */
	private static int iteration(final Path info) {
		try {
			final Matcher m = Pattern.compile("\"iteration\": (\\d+)").matcher(new String(Files
				.readAllBytes(info), StandardCharsets.UTF_8));
			return m.find() ? Integer.parseInt(m.group(1)) : -1;
		}
		catch (final java.io.IOException e) {
			return -1;
		}
	}

	/** @return the raw JSON value of a top-level field of run.json */
	private static String field(final Path dir, final String name) throws Exception {
		final String json = new String(Files.readAllBytes(dir.resolve(RunWriter.RUN)),
			StandardCharsets.UTF_8);
		final Matcher m = Pattern.compile("\"" + name + "\": (\\[[^\\]]*\\]|[^,\\n]*)").matcher(json);
		assertTrue(m.find(), name);
		return m.group(1);
	}
}

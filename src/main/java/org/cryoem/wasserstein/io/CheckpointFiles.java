package org.cryoem.wasserstein.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

import org.cryoem.wasserstein.cluster.Checkpoint;
import org.cryoem.wasserstein.cluster.ClassificationParameters;
import org.cryoem.wasserstein.cluster.LloydState;
import org.cryoem.wasserstein.image.ParticleStack;

/**
 * The checkpoint of a classification run, kept in {@code DIR/checkpoint/} of its
 * output directory DIR, from which {@code classify --resume DIR} continues.
 * <h2>Files</h2>
 * <dl>
 * <dt>{@value #STATE}</dt>
 * <dd>everything needed to resume, in one binary file (big-endian, as
 * {@link DataOutputStream} writes it): the magic {@code W2DCKPT} and a version
 * byte (1); the input (absolute path, name, image count, edge length, pixel
 * size, CRC-32 of its pixels); every parameter of the run; the
 * {@link LloydState} (iterations done, whether converged, initialisation
 * seconds, loss and seconds per iteration, per image class, rotation and cost,
 * the k centroids as float32); and a CRC-32 of all the preceding bytes.</dd>
 * <dt>{@value #INFO}</dt>
 * <dd>a human-readable summary (input, parameters, {@code iteration},
 * {@code converged}, {@code loss}), for people and scripts; resuming does not
 * read it.</dd>
 * </dl>
 * Both are rewritten after k-means++ (iteration 0) and after every Lloyd
 * iteration, each under a temporary name then renamed, state first: a run
 * killed at any moment leaves the last complete state. After a successful run
 * has written its results the checkpoint folder is deleted (run.json then holds
 * the whole history).
 * <p>
 * A damaged or foreign {@value #STATE} is an {@link InvalidInputException}.
 * </p>
 */
public final class CheckpointFiles implements Checkpoint {

	/** The binary state file. */
	public static final String STATE = "state.bin";
	/** The human-readable summary. */
	public static final String INFO = "checkpoint.json";

	static final byte[] MAGIC = { 'W', '2', 'D', 'C', 'K', 'P', 'T', 1 };

	/**
	 * What a checkpoint says about its run, and the state to resume from (null
	 * for a new run's own description).
	 */
	public static final class Saved {

		/** The parameters of the run. */
		public final ClassificationParameters params;
		/** The input file as given to the run, made absolute. */
		public final String input;
		/** The input's name as written into the results. */
		public final String inputName;
		/** Image count and edge length of the input. */
		public final int imageCount, imageSize;
		/** Pixel size in Å, NaN when unknown. */
		public final double pixelSize;
		/** {@link #checksum} of the input's pixels. */
		public final long inputChecksum;
		/** The state to resume from. */
		public final LloydState state;

		Saved(final ClassificationParameters params, final String input, final String inputName,
			final int imageCount, final int imageSize, final double pixelSize, final long inputChecksum,
			final LloydState state)
		{
			this.params = params;
			this.input = input;
			this.inputName = inputName;
			this.imageCount = imageCount;
			this.imageSize = imageSize;
			this.pixelSize = pixelSize;
			this.inputChecksum = inputChecksum;
			this.state = state;
		}
	}

	private final Path folder;
	/** This run as every save describes it, with the state to resume from. */
	private final Saved run;

	private CheckpointFiles(final Path outputDir, final Saved run) {
		this.folder = outputDir.resolve(OutputGuard.CHECKPOINT);
		this.run = run;
	}

	/**
	 * A checkpoint for a new run (nothing to resume; the folder is created at
	 * the first save).
	 *
	 * @param outputDir the run's output directory
	 * @param params the run's parameters
	 * @param input the input file
	 * @param inputName the input's name as written into the results
	 * @param stack the input's images
	 * @param pixelSize pixel size in Å, NaN when unknown
	 */
	public static CheckpointFiles start(final Path outputDir, final ClassificationParameters params,
		final Path input, final String inputName, final ParticleStack stack, final double pixelSize)
	{
		return new CheckpointFiles(outputDir, new Saved(params.copy(), input.toAbsolutePath()
			.normalize().toString(), inputName, stack.count(), stack.size(), pixelSize, checksum(stack),
			null));
	}

	/**
	 * A checkpoint that resumes from {@code saved} and goes on saving there.
	 *
	 * @param outputDir the run's output directory
	 * @param saved what {@link #read} found there
	 * @param params the parameters to go on with (the saved ones, or a copy
	 *          differing only in threads or search strategy)
	 */
	public static CheckpointFiles resume(final Path outputDir, final Saved saved,
		final ClassificationParameters params)
	{
		return new CheckpointFiles(outputDir, new Saved(params.copy(), saved.input, saved.inputName,
			saved.imageCount, saved.imageSize, saved.pixelSize, saved.inputChecksum, saved.state));
	}

	/** @return whether {@code outputDir} holds a checkpoint state */
	public static boolean exists(final Path outputDir) {
		return Files.isRegularFile(outputDir.resolve(OutputGuard.CHECKPOINT).resolve(STATE));
	}

	@Override
	public LloydState restore() {
		return run.state;
	}

	@Override
	public void save(final LloydState state) throws IOException {
		Files.createDirectories(folder);
		final byte[] bytes = encode(state);
		RunWriter.atomically(folder.resolve(STATE), tmp -> Files.write(tmp, bytes));
		RunWriter.atomically(folder.resolve(INFO), tmp -> RunWriter.writeText(tmp, info(state)));
	}

	/** Deletes the checkpoint folder (after the results are written). */
	public void delete() throws IOException {
		OutputGuard.deleteTree(folder);
	}

	/**
	 * @return a CRC-32 of the pixels (float bits, image by image) and of the
	 *         image count and size, to recognise the input of a checkpoint
	 */
	public static long checksum(final ParticleStack stack) {
		final CRC32 crc = new CRC32();
		final ByteBuffer b = ByteBuffer.allocate(4 * stack.size() * stack.size());
		b.putInt(0, stack.count());
		crc.update(b.array(), 0, 4);
		b.putInt(0, stack.size());
		crc.update(b.array(), 0, 4);
		for (int i = 0; i < stack.count(); i++) {
			b.clear();
			b.asFloatBuffer().put(stack.image(i));
			crc.update(b.array(), 0, b.capacity());
		}
		return crc.getValue();
	}

	// ------------------------------------------------------------ encoding

	private byte[] encode(final LloydState s) throws IOException {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final DataOutputStream out = new DataOutputStream(bytes);
		out.write(MAGIC);
		out.writeUTF(run.input);
		out.writeUTF(run.inputName);
		out.writeInt(run.imageCount);
		out.writeInt(run.imageSize);
		out.writeDouble(run.pixelSize);
		out.writeLong(run.inputChecksum);
		final ClassificationParameters p = run.params;
		out.writeInt(p.classes);
		out.writeUTF(p.metric);
		out.writeInt(p.rotations);
		out.writeInt(p.maxIterations);
		out.writeLong(p.seed);
		out.writeInt(p.threads);
		out.writeDouble(p.maskRadius);
		out.writeUTF(p.wavelet);
		out.writeInt(p.levels);
		out.writeUTF(p.mode);
		out.writeUTF(p.search);
		out.writeInt(s.iteration);
		out.writeBoolean(s.converged);
		out.writeDouble(s.initSeconds);
		for (int t = 0; t < s.iteration; t++)
			out.writeDouble(s.loss[t]);
		for (int t = 0; t < s.iteration; t++)
			out.writeDouble(s.secondsPerIteration[t]);
		final int n = s.classOf.length;
		out.writeInt(n);
		for (int i = 0; i < n; i++)
			out.writeInt(s.classOf[i]);
		for (int i = 0; i < n; i++)
			out.writeInt(s.rotationOf[i]);
		for (int i = 0; i < n; i++)
			out.writeDouble(s.cost[i]);
		final int k = s.centroids.length, pixels = k == 0 ? 0 : s.centroids[0].length;
		out.writeInt(k);
		out.writeInt(pixels);
		for (final float[] c : s.centroids)
			for (final float v : c)
				out.writeFloat(v);
		out.flush();
		final CRC32 crc = new CRC32();
		crc.update(bytes.toByteArray());
		out.writeLong(crc.getValue());
		out.flush();
		return bytes.toByteArray();
	}

	/**
	 * Reads the checkpoint of an output directory.
	 *
	 * @throws InvalidInputException if there is none, or it is damaged or not a
	 *           checkpoint of this program
	 * @throws IOException if it cannot be read
	 */
	public static Saved read(final Path outputDir) throws IOException {
		final Path file = outputDir.resolve(OutputGuard.CHECKPOINT).resolve(STATE);
		if (!Files.isRegularFile(file)) throw new InvalidInputException(outputDir +
			" holds no checkpoint to resume (no " + OutputGuard.CHECKPOINT + "/" + STATE + ")");
		final long length = Files.size(file);
		if (length > Integer.MAX_VALUE - 8) throw new InvalidInputException(file,
			"is too large for a checkpoint");
		return decode(file, Files.readAllBytes(file));
	}

	/**
	 * Parses the bytes of a {@value #STATE} file.
	 *
	 * @throws InvalidInputException if they are not a complete, intact checkpoint
	 */
	static Saved decode(final Path file, final byte[] bytes) throws InvalidInputException {
		if (bytes.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length),
			MAGIC)) throw new InvalidInputException(file, "is not a checkpoint of this program (version " +
				"1)");
		final CRC32 crc = new CRC32();
		crc.update(bytes, 0, bytes.length - 8);
		if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong())
			throw new InvalidInputException(file, "is damaged (checksum mismatch)");
		try {
			final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes,
				MAGIC.length, bytes.length - 8 - MAGIC.length));
			final String input = in.readUTF(), inputName = in.readUTF();
			final int count = in.readInt(), size = in.readInt();
			final double pixelSize = in.readDouble();
			final long checksum = in.readLong();
			final ClassificationParameters p = new ClassificationParameters();
			p.classes = in.readInt();
			p.metric = in.readUTF();
			p.rotations = in.readInt();
			p.maxIterations = in.readInt();
			p.seed = in.readLong();
			p.threads = in.readInt();
			p.maskRadius = in.readDouble();
			p.wavelet = in.readUTF();
			p.levels = in.readInt();
			p.mode = in.readUTF();
			p.search = in.readUTF();
			final int iteration = in.readInt();
			final boolean converged = in.readBoolean();
			final double initSeconds = in.readDouble();
			final int remaining = in.available();
			if (iteration < 0 || iteration > remaining / 16) throw damaged(file);
			final double[] loss = new double[iteration], secs = new double[iteration];
			for (int t = 0; t < iteration; t++)
				loss[t] = in.readDouble();
			for (int t = 0; t < iteration; t++)
				secs[t] = in.readDouble();
			final int n = in.readInt();
			if (n < 0 || n != count || n > in.available() / 16) throw damaged(file);
			final int[] classOf = new int[n], rotationOf = new int[n];
			final double[] cost = new double[n];
			for (int i = 0; i < n; i++)
				classOf[i] = in.readInt();
			for (int i = 0; i < n; i++)
				rotationOf[i] = in.readInt();
			for (int i = 0; i < n; i++)
				cost[i] = in.readDouble();
			final int k = in.readInt(), pixels = in.readInt();
			// 1 ≤ k ≤ n and N² ≥ 1 pixels: k empty arrays could exhaust the heap too
			if (k < 1 || k > n || size < 1 || pixels < 1 || (long) size * size != pixels || (long) k *
				pixels * 4 != in.available()) throw damaged(file);
			final float[][] centroids = new float[k][pixels];
			for (final float[] c : centroids)
				for (int j = 0; j < pixels; j++)
					c[j] = in.readFloat();
			return new Saved(p, input, inputName, count, size, pixelSize, checksum, new LloydState(
				iteration, converged, classOf, rotationOf, cost, centroids, loss, secs, initSeconds));
		}
		catch (final EOFException | IllegalArgumentException e) {
			throw damaged(file);
		}
		catch (final IOException e) {
			throw damaged(file); // a byte array stream fails only on malformed content
		}
	}

	private static InvalidInputException damaged(final Path file) {
		return new InvalidInputException(file, "is damaged or incomplete");
	}

	private String info(final LloydState s) {
		final ClassificationParameters p = run.params;
		final String[][] fields = { //
			{ "input", Json.string(run.input) }, //
			{ "image_count", Integer.toString(run.imageCount) }, //
			{ "image_size", Integer.toString(run.imageSize) }, //
			{ "classes", Integer.toString(p.classes) }, //
			{ "metric", Json.string(p.metric) }, //
			{ "rotations", Integer.toString(p.rotations) }, //
			{ "max_iterations", Integer.toString(p.maxIterations) }, //
			{ "seed", Long.toString(p.seed) }, //
			{ "mask_radius", Json.number(p.maskRadius) }, //
			{ "wavelet", Json.string(p.wavelet) }, //
			{ "levels", Integer.toString(p.levels) }, //
			{ "mode", Json.string(p.mode) }, //
			{ "iteration", Integer.toString(s.iteration) }, //
			{ "converged", Boolean.toString(s.converged) }, //
			{ "loss", Json.array(s.loss) } };
		final StringBuilder sb = new StringBuilder("{\n");
		for (int i = 0; i < fields.length; i++) {
			sb.append("  ").append(Json.string(fields[i][0])).append(": ").append(fields[i][1]);
			sb.append(i + 1 < fields.length ? ",\n" : "\n");
		}
		return sb.append("}\n").toString();
	}

	/**
	 * Compares the parameters a user gave again on {@code --resume} with the
	 * saved ones.
	 *
	 * @param name the option as the user typed it, e.g. {@code --classes}
	 * @param given the value given
	 * @param saved the saved value
	 * @throws IllegalArgumentException naming both values if they differ
	 */
	public static void requireSame(final String name, final Object given, final Object saved) {
		final boolean same = given instanceof String && saved instanceof String ? ((String) given)
			.equalsIgnoreCase((String) saved) : given.equals(saved);
		if (!same) throw new IllegalArgumentException(String.format(Locale.ROOT,
			"%s %s conflicts with the checkpoint, which was made with %s; leave it out to resume", name,
			given, saved));
	}
}

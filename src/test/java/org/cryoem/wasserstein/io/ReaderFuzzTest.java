package org.cryoem.wasserstein.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.cryoem.wasserstein.image.ParticleStack;

/**
 * Fuzz targets for the readers of untrusted files: the MRC reader, the STAR
 * parser and writer, and the checkpoint decoder. The only failure a reader
 * may report for bad content is {@link InvalidInputException}; any other
 * exception (or an error such as OutOfMemoryError) is a bug.
 * <p>
 * In a plain {@code mvn verify} (Jazzer's regression mode) each target runs
 * once on every input committed under
 * {@code src/test/resources/org/cryoem/wasserstein/io/ReaderFuzzTestInputs/<target>/}.
 * With {@code JAZZER_FUZZ=1} (see {@code .ci/fuzz}) one target is fuzzed for
 * its {@code maxDuration}; inputs that crash it are written next to the corpus
 * and must be fixed and committed as regression inputs.
 * </p>
 */
class ReaderFuzzTest {

	private static final Path FILE = scratch();

	private static Path scratch() {
		try {
			final Path dir = Files.createTempDirectory("w2d-fuzz");
			dir.toFile().deleteOnExit();
			return dir.resolve("input.mrcs");
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@FuzzTest(maxDuration = "30s")
	void mrc(final byte[] data) throws IOException {
		Files.write(FILE, data);
		final MrcHeader header;
		try {
			header = Mrc.readHeader(FILE);
		}
		catch (final InvalidInputException e) {
			return;
		}
		header.toString();
		header.voxelSizeX();
		try {
			final ParticleStack stack = Mrc.readStack(FILE);
			if (stack.count() != header.nz || stack.size() != header.nx) throw new AssertionError(
				"stack of " + stack.count() + " × " + stack.size() + " for " + header);
		}
		catch (final InvalidInputException e) {
			// non-square images, or too large: documented
		}
		try {
			final MrcData all = Mrc.read(FILE);
			if (all.data().length != (long) header.nx * header.ny * header.nz) throw new AssertionError(
				"wrong voxel count for " + header);
		}
		catch (final InvalidInputException e) {
			// too many voxels for one array: documented
		}
		try {
			Mrc.readImage(FILE, header.nz - 1);
		}
		catch (final InvalidInputException e) {
			// images too large: documented
		}
	}

	@FuzzTest(maxDuration = "30s")
	void star(final byte[] data) throws IOException {
		final Path file = FILE.resolveSibling("input.star");
		Files.write(file, data);
		final StarFile star;
		try {
			star = StarFile.read(file);
		}
		catch (final InvalidInputException e) {
			return;
		}
		// what was read can be written, and reads back the same
		final StringWriter text = new StringWriter();
		star.write(text);
		final Path again = FILE.resolveSibling("again.star");
		Files.write(again, text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		final StarFile reread = StarFile.read(again);
		if (reread.blocks().size() != star.blocks().size()) throw new AssertionError(
			"block count changed on rewriting");
		for (int b = 0; b < star.blocks().size(); b++) {
			final StarFile.Block x = star.blocks().get(b), y = reread.blocks().get(b);
			if (!x.name().equals(y.name()) || !x.pairs().equals(y.pairs()) || !x.columns().equals(y
				.columns()) || x.rows().size() != y.rows().size()) throw new AssertionError(
					"block " + x.name() + " changed on rewriting");
			for (int r = 0; r < x.rows().size(); r++)
				if (!java.util.Arrays.equals(x.rows().get(r), y.rows().get(r))) throw new AssertionError(
					"row " + r + " of block " + x.name() + " changed on rewriting");
		}
	}

	@FuzzTest(maxDuration = "30s")
	void checkpoint(final byte[] data) {
		// the body of a state file, with the magic and a valid CRC-32 added, so
		// that the fuzzer explores the structure rather than the checksum
		final byte[] file = new byte[CheckpointFiles.MAGIC.length + data.length + 8];
		System.arraycopy(CheckpointFiles.MAGIC, 0, file, 0, CheckpointFiles.MAGIC.length);
		System.arraycopy(data, 0, file, CheckpointFiles.MAGIC.length, data.length);
		final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(file, 0, file.length - 8);
		java.nio.ByteBuffer.wrap(file, file.length - 8, 8).putLong(crc.getValue());
		try {
			CheckpointFiles.decode(FILE, file);
			CheckpointFiles.decode(FILE, data);
		}
		catch (final InvalidInputException e) {
			// damaged: documented
		}
	}

	@FuzzTest(maxDuration = "30s")
	void particleReference(final byte[] data) throws IOException {
		// N@stack references as they appear in _rlnImageName, against a real 2-image stack
		final Path stack = FILE.resolveSibling("refs.mrcs");
		if (!Files.exists(stack)) Mrc.writeStack(stack, new ParticleStack(2, new float[][] { {
			1, 2, 3, 4 }, { 5, 6, 7, 8 } }), 1);
		final String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
		final int at = text.indexOf('@');
		if (at < 0) return; // only N@stack; arbitrary paths are not for a fuzzer to open
		final String spec = text.substring(0, at) + "@" + stack;
		try {
			ParticleFiles.readImage(spec);
		}
		catch (final InvalidInputException | NoSuchFileException e) {
			// documented
		}
		catch (final java.nio.file.InvalidPathException e) {
			// not a path at all: documented by java.nio
		}
	}
}

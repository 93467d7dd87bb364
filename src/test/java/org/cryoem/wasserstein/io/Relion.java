package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's RELION 3.1 command-line programs ({@code apt-get install
 * relion}) for tests that check RELION accepts our files; tests skip with an
 * assumption when they are not installed.
 */
public final class Relion {

	private Relion() {}

	/** @return whether {@code /usr/bin/relion_<program>} (or one on PATH) exists */
	public static boolean has(final String program) {
		return find(program) != null;
	}

	private static Path find(final String program) {
		final List<String> dirs = new ArrayList<>(Arrays.asList("/usr/bin", "/usr/local/bin"));
		final String path = System.getenv("PATH");
		if (path != null) dirs.addAll(Arrays.asList(path.split(java.io.File.pathSeparator)));
		for (final String d : dirs) {
			final Path p = Paths.get(d, "relion_" + program);
			if (Files.isExecutable(p)) return p;
		}
		return null;
	}

	/**
	 * Runs a RELION program in a directory and asserts exit code 0.
	 *
	 * @return its standard output and error, together
	 */
	public static String run(final Path dir, final String program, final String... args)
		throws IOException, InterruptedException
	{
		final List<String> cmd = new ArrayList<>();
		cmd.add(find(program).toString());
		cmd.addAll(Arrays.asList(args));
		final Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
			.start();
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (InputStream in = p.getInputStream()) {
			in.transferTo(out);
		}
		if (!p.waitFor(60, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new IOException("relion_" + program + " timed out");
		}
		final String text = out.toString(StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), "relion_" + program + " " + String.join(" ", args) + ":\n" +
			text);
		return text;
	}
}

package org.cryoem.wasserstein.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/** Runs small Python snippets with mrcfile (Debian's python3-mrcfile) for tests. */
public final class PythonMrcfile {

	private static Boolean available;
	private static String python;

	private PythonMrcfile() {}

	/** Skips the calling test (JUnit assumption) when python3 with mrcfile is missing. */
	public static void assumeAvailable() {
		assumeTrue(available(), "python3 with mrcfile is not installed");
	}

	static synchronized boolean available() {
		if (available == null) {
			available = false;
			for (final String p : Arrays.asList("/usr/bin/python3", "python3")) {
				if (p.startsWith("/") && !Files.isExecutable(Paths.get(p))) continue;
				try {
					final Result r = exec(p, "import mrcfile; print('ok')");
					if (r.exit == 0 && r.out.trim().endsWith("ok")) {
						python = p;
						available = true;
						break;
					}
				}
				catch (final IOException e) {
					// try the next one
				}
			}
		}
		return available;
	}

	/** Runs a script with the python that has mrcfile; arguments follow as sys.argv[1:]. */
	public static Result run(final String script, final String... args) throws IOException {
		assumeAvailable();
		return exec(python, script, args);
	}

	private static Result exec(final String exe, final String script, final String... args)
		throws IOException
	{
		final List<String> cmd = new ArrayList<>(Arrays.asList(exe, "-c", script));
		cmd.addAll(Arrays.asList(args));
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		final Process p = pb.start();
		final String out;
		try (InputStream in = p.getInputStream()) {
			final ByteArrayOutputStream b = new ByteArrayOutputStream();
			in.transferTo(b);
			out = new String(b.toByteArray(), StandardCharsets.UTF_8);
		}
		try {
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IOException("python timed out");
			}
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
		return new Result(p.exitValue(), out);
	}

	public static final class Result {

		public final int exit;
		public final String out;

		Result(final int exit, final String out) {
			this.exit = exit;
			this.out = out;
		}
	}

	/** @return the shared data folder {@code ../shared/data}, relative to the Maven basedir */
	static Path sharedData() {
		return Paths.get("..", "shared", "data");
	}
}

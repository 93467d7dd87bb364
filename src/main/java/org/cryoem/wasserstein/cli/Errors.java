package org.cryoem.wasserstein.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;

import org.cryoem.wasserstein.io.InvalidInputException;

/** Turns exceptions into one-line messages for the console. */
final class Errors {

	private Errors() {}

	static boolean isInputError(final Throwable e) {
		return e instanceof IllegalArgumentException || e instanceof InvalidInputException;
	}

	static String describe(final Throwable e) {
		if (e instanceof UncheckedIOException && e.getCause() != null) return describe(e
			.getCause());
		if (e instanceof OutOfMemoryError) {
			return "out of memory; give Java a larger heap, e.g. java -Xmx8g -jar ...";
		}
		if (e instanceof CancellationException) return "cancelled";
		if (e instanceof NoSuchFileException) return ((NoSuchFileException) e).getFile() +
			": no such file or directory";
		if (e instanceof AccessDeniedException) return ((AccessDeniedException) e).getFile() +
			": permission denied";
		if (e instanceof FileSystemException) {
			final FileSystemException f = (FileSystemException) e;
			return f.getFile() + ": " + (f.getReason() == null ? "file system error" : f.getReason());
		}
		final String message = Main.oneLine(e.getMessage());
		if (e instanceof IOException || e instanceof IllegalArgumentException) {
			return message.isEmpty() ? e.getClass().getSimpleName() : message;
		}
		return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}
}

package org.cryoem.wasserstein.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An input file that cannot be read because its content is wrong (bad header,
 * unsupported format variant, truncated data, malformed STAR syntax, ...), as
 * opposed to an I/O failure. The message is one line and names the file, so
 * that it can be shown to a user as is.
 */
public class InvalidInputException extends IOException {

	private static final long serialVersionUID = 1L;

	/** @param message one-line message that already names the file */
	public InvalidInputException(final String message) {
		super(message);
	}

	/**
	 * @param file the offending file
	 * @param problem one-line description of what is wrong
	 */
	public InvalidInputException(final Path file, final String problem) {
		super(file + ": " + problem);
	}

	/**
	 * @param file the offending file
	 * @param problem one-line description of what is wrong
	 * @param cause underlying exception
	 */
	public InvalidInputException(final Path file, final String problem, final Throwable cause) {
		super(file + ": " + problem, cause);
	}
}

package dev.scenelift.cog;

/** The bytes are not a readable TIFF: wrong signature, an IFD outside the file, a loop in the IFD chain. */
final class TiffFormatException extends Exception {
  TiffFormatException(String message) {
    super(message);
  }

  TiffFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}

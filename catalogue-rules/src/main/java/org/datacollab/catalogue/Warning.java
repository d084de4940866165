package org.datacollab.catalogue;

/** Something of a row the import could not use: the column as the file names it, the value, and why. */
public record Warning(String column, String value, String message) {
}

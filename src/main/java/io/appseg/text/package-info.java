/**
 * User text on its way to a person or next to generated output: escaped so that a file can never
 * add a line, a document, a diagram statement or a terminal control sequence.
 */
package io.appseg.text;

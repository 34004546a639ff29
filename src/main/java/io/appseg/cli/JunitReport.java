package io.appseg.cli;

import io.appseg.text.Escape;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The outcomes of {@code appseg test} as JUnit XML (one testsuite, one testcase per expectation),
 * which CI systems show per test. Written by the XML stream writer, which escapes markup; text is
 * made visible first, since XML 1.0 cannot hold most control characters at all.
 */
final class JunitReport {
  private JunitReport() {}

  static void write(Path file, List<ExpectationRunner.Outcome> outcomes, double seconds)
      throws InputException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "appseg test");
      xml.writeAttribute("tests", String.valueOf(outcomes.size()));
      xml.writeAttribute(
          "failures", String.valueOf(outcomes.stream().filter(o -> !o.passed()).count()));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
      for (ExpectationRunner.Outcome o : outcomes) {
        testcase(xml, o);
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      out.write('\n');
    } catch (IOException | XMLStreamException e) {
      throw new InputException(
          Escape.visible(file.toString()) + ": cannot write the JUnit report: " + e.getMessage());
    }
  }

  private static void testcase(XMLStreamWriter xml, ExpectationRunner.Outcome o)
      throws XMLStreamException {
    Expectation e = o.expectation();
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", Escape.visible(e.where()));
    xml.writeAttribute(
        "name", Escape.visible(e.connection() + " " + (e.allowed() ? "allowed" : "denied")));
    if (!o.passed()) {
      xml.writeStartElement("failure");
      xml.writeAttribute("message", Escape.visible(o.failure()));
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }
}

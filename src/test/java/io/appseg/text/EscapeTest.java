package io.appseg.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapeTest {

  @Test
  void plainTextIsUnchangedIncludingLettersOfAnyScript() {
    assertThat(Escape.visible("shop/web-1 a.b_c: ok, ünïcødé 日本 😀"))
        .isEqualTo("shop/web-1 a.b_c: ok, ünïcødé 日本 😀");
  }

  @Test
  void lineBreaksOfEveryKindAndControlsAreEscaped() {
    assertThat(Escape.visible("a\nb\rc\td\u0085e\u2028f\u2029g\u0000h\u001b[0m\u007f"))
        .isEqualTo("a\\nb\\rc\\td\\u0085e\\u2028f\\u2029g\\u0000h\\u001b[0m\\u007f");
  }

  @Test
  void invisibleFormatCharactersAreEscaped() {
    assertThat(Escape.visible("\u202eabc\u200b\ufeff")).isEqualTo("\\u202eabc\\u200b\\ufeff");
  }

  @Test
  void quoteEscapesQuotesAndBackslashesAndCutsLongValues() {
    assertThat(Escape.quote("say \"hi\" \\ now")).isEqualTo("\"say \\\"hi\\\" \\\\ now\"");
    assertThat(Escape.quote("x".repeat(100)))
        .isEqualTo("\"" + "x".repeat(80) + "\"... (100 characters)");
    assertThat(Escape.quote(null)).isEqualTo("null");
  }
}

package io.appseg.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Enum fields read as the CRD's schema reads them: the exact spelling of a value, as a string.
 * Jackson alone also takes an index ({@code mode: 1}) and a value with blanks or control characters
 * around it, which the API server refuses; the CLI must not render what the cluster would never
 * store.
 */
final class ExactEnums extends SimpleModule {

  ExactEnums() {
    super("exact-enums");
    setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyEnumDeserializer(
              DeserializationConfig config,
              JavaType type,
              BeanDescription description,
              JsonDeserializer<?> standard) {
            return new Exact(type.getRawClass(), standard);
          }
        });
  }

  private static final class Exact extends JsonDeserializer<Object> {
    private final Class<?> type;
    private final JsonDeserializer<?> standard;

    Exact(Class<?> type, JsonDeserializer<?> standard) {
      this.type = type;
      this.standard = standard;
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
      for (Object constant : type.getEnumConstants()) {
        if (constant.toString().equals(text)) {
          return standard.deserialize(parser, context);
        }
      }
      return context.handleWeirdStringValue(
          type, parser.getText(), "not one of the allowed values");
    }
  }
}

package io.appseg.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.plan.SpecError;
import io.appseg.text.Escape;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns documents into AppSegmentations, strictly: an unknown or mistyped field is an error with
 * its path.
 */
final class SegmentationLoader {
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new ExactEnums())
          .build();

  /** A document that is an AppSegmentation, or the reason it could not be read as one. */
  record Loaded(Document document, AppSegmentation segmentation, SpecError error) {}

  static boolean isSegmentation(Document d) {
    return CrdConstants.KIND.equals(d.kind())
        && d.apiVersion().startsWith(CrdConstants.GROUP + "/");
  }

  static Loaded load(Document d, String defaultNamespace) {
    if (!CrdConstants.API_VERSION.equals(d.apiVersion())) {
      return new Loaded(
          d,
          null,
          new SpecError(
              "apiVersion",
              Escape.quote(d.apiVersion()) + " is not supported; use " + CrdConstants.API_VERSION));
    }
    Optional<SpecError> nullItem = nullListItem(d.content(), "");
    if (nullItem.isPresent()) {
      return new Loaded(d, null, nullItem.get());
    }
    try {
      AppSegmentation seg = STRICT.convertValue(d.content(), AppSegmentation.class);
      if (seg.getMetadata() != null && seg.getMetadata().getNamespace() == null) {
        seg.getMetadata().setNamespace(defaultNamespace);
      }
      return new Loaded(d, seg, null);
    } catch (IllegalArgumentException e) {
      return new Loaded(d, null, describe(e));
    }
  }

  /**
   * A null in a list is refused by the API server's schema; the Java types would take it and fail
   * later.
   */
  private static Optional<SpecError> nullListItem(Object node, String path) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String child = (path.isEmpty() ? "" : path + ".") + e.getKey();
        Optional<SpecError> found = nullListItem(e.getValue(), child);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          return Optional.of(new SpecError(path + "[" + i + "]", "must not be null"));
        }
        Optional<SpecError> found = nullListItem(list.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static SpecError describe(IllegalArgumentException e) {
    if (!(e.getCause() instanceof JsonMappingException cause)) {
      return new SpecError("(document)", e.getMessage());
    }
    String path = path(cause);
    if (cause instanceof UnrecognizedPropertyException unknown) {
      List<String> known = new ArrayList<>();
      unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      known.sort(String::compareTo);
      return new SpecError(
          path,
          "unknown field "
              + Escape.quote(unknown.getPropertyName())
              + "; allowed here: "
              + String.join(", ", known));
    }
    if (cause instanceof InvalidFormatException format) {
      return new SpecError(
          path,
          "invalid value "
              + Escape.quote(String.valueOf(format.getValue()))
              + allowedValues(format));
    }
    return new SpecError(path, "invalid value; " + expected(cause));
  }

  /**
   * What the field takes, in the schema's words: Jackson's own message names Java classes, which
   * mean nothing to the author of the file.
   */
  private static String expected(JsonMappingException e) {
    Class<?> target =
        e instanceof MismatchedInputException m
            ? m.getTargetType()
            : e instanceof ValueInstantiationException v ? v.getType().getRawClass() : null;
    if (target == null) {
      return "see the CRD's schema for what this field takes";
    }
    if (target == IntOrString.class) {
      return "expected a port number 1-65535 or a port name";
    }
    if (Collection.class.isAssignableFrom(target)) {
      return "expected a list";
    }
    if (target == String.class) {
      return "expected a string";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "expected true or false";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return "expected an integer";
    }
    return "expected an object";
  }

  private static String allowedValues(InvalidFormatException e) {
    Class<?> target = e.getTargetType();
    if (target != null && target.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : target.getEnumConstants()) {
        names.add(c.toString());
      }
      return "; allowed: " + String.join(", ", names);
    }
    return "; expected " + (target == null ? "another type" : target.getSimpleName().toLowerCase());
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      }
    }
    return path.length() == 0 ? "(document)" : path.toString();
  }

  private SegmentationLoader() {}
}

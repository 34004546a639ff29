package io.appseg.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.appseg.api.v1alpha1.AppSegmentation;
import io.appseg.api.v1alpha1.CrdConstants;
import io.appseg.plan.NullItems;
import io.appseg.plan.SpecError;
import io.appseg.text.Escape;
import java.util.ArrayList;
import java.util.List;
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
    Optional<SpecError> nullItem = NullItems.first(d.content(), "");
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
    if (cause instanceof MismatchedInputException mismatch) {
      return new SpecError(path, Shapes.mismatch(mismatch));
    }
    return new SpecError(path, "cannot be read here: " + withoutTypes(cause.getOriginalMessage()));
  }

  /** The reader's words without the Java types it names. */
  private static String withoutTypes(String message) {
    return message
        .replaceAll("\\s*\\(for Object starting at.*", "")
        .replaceAll("`[\\w.$]+\\.(\\w+)`", "$1")
        .lines()
        .findFirst()
        .orElse("");
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
    return "; expected " + Shapes.expected(target);
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

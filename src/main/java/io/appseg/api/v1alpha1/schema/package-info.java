/**
 * Schema-only types: documented stand-ins for fabric8 model types whose generated schema has no
 * descriptions. Fields keep the fabric8 Java type and borrow the schema with {@code @SchemaFrom};
 * nothing instantiates these.
 */
package io.appseg.api.v1alpha1.schema;

package io.gatehouse.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Every time the management API answers is ISO 8601 UTC ({@code 2026-12-01T19:47:23.123Z}). The
 * models keep epoch milliseconds, as their tables do; the API's naming rule says which numbers are
 * times: a {@code long} property named {@code time} or ending in {@code At} or {@code Since}
 * ({@code failingSince}). Applying the rule here, where answers are written, keeps every answer in
 * one format, including fields added later.
 */
final class IsoTimes extends BeanSerializerModifier {

    static SimpleModule module() {
        return new SimpleModule("gatehouse-iso-times").setSerializerModifier(new IsoTimes());
    }

    static boolean isTime(String property, Class<?> type) {
        boolean epochMillis = type == long.class || type == Long.class;
        return epochMillis && (property.equals("time") || suffixed(property, "At") || suffixed(property, "Since"));
    }

    private static boolean suffixed(String property, String suffix) {
        return property.endsWith(suffix) && property.length() > suffix.length();
    }

    @Override
    public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean, List<BeanPropertyWriter> properties) {
        for (BeanPropertyWriter property : properties) {
            if (isTime(property.getName(), property.getType().getRawClass())) {
                property.assignSerializer(EpochMillisAsIso.INSTANCE);
            }
        }
        return properties;
    }

    private static final class EpochMillisAsIso extends JsonSerializer<Object> {

        static final EpochMillisAsIso INSTANCE = new EpochMillisAsIso();

        @Override
        public void serialize(Object millis, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(Instant.ofEpochMilli(((Number) millis).longValue()).toString());
        }
    }
}

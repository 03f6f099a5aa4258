package io.karafimages.core.internal.input;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

/** Serialises a record as its components only, so what is stored binds back to the same record. */
final class RecordComponentsOnly extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
            List<BeanPropertyWriter> properties) {
        Class<?> type = description.getBeanClass();
        if (!type.isRecord()) {
            return properties;
        }
        Set<String> components = Arrays.stream(type.getRecordComponents()).map(FieldRules::jsonName)
                .collect(Collectors.toSet());
        return properties.stream().filter(p -> components.contains(p.getName())).collect(Collectors.toList());
    }
}

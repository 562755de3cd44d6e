package io.traceflux.governance;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values to and from Kernel's columnar data: rows as maps from column name to
 * String, Long, Integer, Double, Boolean, {@link Instant} (timestamps, microseconds), List
 * (arrays), Map (maps and structs), both ways. What is not in a row map is null.
 */
final class ValueVectors {

    private ValueVectors() {
    }

    /** A batch holding {@code rows} under {@code schema}. */
    static ColumnarBatch batch(StructType schema, List<Map<String, Object>> rows) {
        return new ColumnarBatch() {
            @Override
            public StructType getSchema() {
                return schema;
            }

            @Override
            public ColumnVector getColumnVector(int ordinal) {
                StructField field = schema.at(ordinal);
                return vector(field.getDataType(), rows.stream().map(r -> r.get(field.getName())).toList());
            }

            @Override
            public int getSize() {
                return rows.size();
            }
        };
    }

    private static ColumnVector vector(DataType type, List<Object> values) {
        return new ColumnVector() {
            @Override
            public DataType getDataType() {
                return type;
            }

            @Override
            public int getSize() {
                return values.size();
            }

            @Override
            public void close() {
            }

            @Override
            public boolean isNullAt(int rowId) {
                return values.get(rowId) == null;
            }

            @Override
            public boolean getBoolean(int rowId) {
                return (Boolean) values.get(rowId);
            }

            @Override
            public int getInt(int rowId) {
                return ((Number) values.get(rowId)).intValue();
            }

            @Override
            public long getLong(int rowId) {
                Object v = values.get(rowId);
                return v instanceof Instant i ? micros(i) : ((Number) v).longValue();
            }

            @Override
            public double getDouble(int rowId) {
                return ((Number) values.get(rowId)).doubleValue();
            }

            @Override
            public String getString(int rowId) {
                return (String) values.get(rowId);
            }

            @Override
            public ArrayValue getArray(int rowId) {
                List<?> list = (List<?>) values.get(rowId);
                DataType element = ((ArrayType) type).getElementType();
                return new ArrayValue() {
                    @Override
                    public int getSize() {
                        return list.size();
                    }

                    @Override
                    public ColumnVector getElements() {
                        return vector(element, new ArrayList<>(list));
                    }
                };
            }

            @Override
            public MapValue getMap(int rowId) {
                Map<?, ?> map = (Map<?, ?>) values.get(rowId);
                MapType mapType = (MapType) type;
                List<Object> keys = new ArrayList<>(map.keySet());
                List<Object> vals = keys.stream().map(k -> (Object) map.get(k)).toList();
                return new MapValue() {
                    @Override
                    public int getSize() {
                        return keys.size();
                    }

                    @Override
                    public ColumnVector getKeys() {
                        return vector(mapType.getKeyType(), keys);
                    }

                    @Override
                    public ColumnVector getValues() {
                        return vector(mapType.getValueType(), vals);
                    }
                };
            }

            @Override
            public ColumnVector getChild(int ordinal) {
                // A struct's values are maps from field name to value, as value() reads them.
                StructField field = ((StructType) type).at(ordinal);
                return vector(field.getDataType(), values.stream()
                        .map(v -> v == null ? null : (Object) ((Map<?, ?>) v).get(field.getName())).toList());
            }
        };
    }

    /** The value at {@code rowId} as a plain Java value, or null. */
    static Object value(ColumnVector v, int rowId) {
        if (v.isNullAt(rowId)) {
            return null;
        }
        DataType t = v.getDataType();
        if (t instanceof StringType) {
            return v.getString(rowId);
        } else if (t instanceof LongType) {
            return v.getLong(rowId);
        } else if (t instanceof IntegerType) {
            return v.getInt(rowId);
        } else if (t instanceof ShortType) {
            return (int) v.getShort(rowId);
        } else if (t instanceof DoubleType) {
            return v.getDouble(rowId);
        } else if (t instanceof FloatType) {
            return (double) v.getFloat(rowId);
        } else if (t instanceof BooleanType) {
            return v.getBoolean(rowId);
        } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return Instant.EPOCH.plus(v.getLong(rowId), ChronoUnit.MICROS);
        } else if (t instanceof DateType) {
            return LocalDate.ofEpochDay(v.getInt(rowId));
        } else if (t instanceof ArrayType) {
            ArrayValue array = v.getArray(rowId);
            List<Object> list = new ArrayList<>(array.getSize());
            for (int i = 0; i < array.getSize(); i++) {
                list.add(value(array.getElements(), i));
            }
            return list;
        } else if (t instanceof MapType) {
            MapValue map = v.getMap(rowId);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < map.getSize(); i++) {
                out.put(value(map.getKeys(), i), value(map.getValues(), i));
            }
            return out;
        } else if (t instanceof StructType struct) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < struct.length(); i++) {
                out.put(struct.at(i).getName(), value(v.getChild(i), rowId));
            }
            return out;
        }
        throw new IllegalStateException("no control-plane column is of type " + t);
    }

    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }
}

package dev.vireo.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ConversationScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The clustered server replicates the console's HTTP session (Faces views and the view-scoped
 * beans in them) to the other nodes, so that a node's death signs nobody out: everything those
 * beans keep must be serializable, all the way down. Injected services are container proxies
 * (serializable, resolved again on the node that reads them); a transient field is read again
 * when it is null.
 */
class ConsoleStateSerializableTest {

    @Test
    void everyFieldOfEveryViewOrSessionScopedBeanIsSerializable() throws Exception {
        List<Class<?>> beans = consoleBeans();
        assertThat(beans).as("view- and session-scoped beans found").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (Class<?> bean : beans) {
            if (!Serializable.class.isAssignableFrom(bean)) {
                problems.add(bean.getName() + " is not Serializable");
            }
            for (Class<?> type = bean; type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.isAnnotationPresent(EJB.class) || field.isAnnotationPresent(Inject.class)) {
                        if (Modifier.isTransient(field.getModifiers())) {
                            problems.add(field + " is transient: null on the node that reads the session next");
                        }
                        continue;
                    }
                    if (kept(field)) {
                        check(field.getGenericType(), field.toString(), problems, new HashSet<>());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean kept(Field field) {
        int modifiers = field.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic();
    }

    /** Whether what a field of {@code type} may hold serializes, its own fields and type arguments included. */
    private static void check(Type type, String where, List<String> problems, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            check(parameterized.getRawType(), where, problems, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                check(argument, where, problems, seen);
            }
        } else if (type instanceof GenericArrayType array) {
            check(array.getGenericComponentType(), where, problems, seen);
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                check(bound, where, problems, seen);
            }
        } else if (type instanceof TypeVariable<?> variable) {
            for (Type bound : variable.getBounds()) {
                if (bound != Object.class) {
                    check(bound, where, problems, seen);
                }
            }
        } else if (type instanceof Class<?> plain) {
            checkClass(plain, where, problems, seen);
        }
    }

    private static void checkClass(Class<?> type, String where, List<String> problems, Set<Class<?>> seen) {
        if (type.isPrimitive() || !seen.add(type)) {
            return;
        }
        if (type.isArray()) {
            check(type.getComponentType(), where, problems, seen);
            return;
        }
        // the collection interfaces: what they hold is checked through their type arguments
        if (type == List.class || type == Map.class || type == Set.class || type == Collection.class) {
            return;
        }
        if (!Serializable.class.isAssignableFrom(type)) {
            problems.add(where + " holds " + type.getName() + ", which is not Serializable");
            return;
        }
        // our own classes: their fields in turn (a Serializable record of something that is not fails at run time)
        if (type.getName().startsWith("dev.vireo.")) {
            for (Class<?> declaring = type; declaring != null && declaring != Object.class; declaring = declaring.getSuperclass()) {
                for (Field field : declaring.getDeclaredFields()) {
                    if (kept(field)) {
                        check(field.getGenericType(), where + " → " + field, problems, seen);
                    }
                }
            }
        }
    }

    /** The web module's classes with a passivating scope (the view scope of Faces, the session scope). */
    private static List<Class<?>> consoleBeans() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(ConsoleUser.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> beans = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ConsoleStateSerializableTest.class.getClassLoader());
                if (type.isAnnotationPresent(ViewScoped.class) || type.isAnnotationPresent(SessionScoped.class)
                        || type.isAnnotationPresent(ConversationScoped.class)) {
                    beans.add(type);
                }
            }
        }
        return beans;
    }
}

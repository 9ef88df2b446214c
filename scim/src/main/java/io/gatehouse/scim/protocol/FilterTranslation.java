package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.Comparator;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.filter.AndExpressionNode;
import de.captaingoldfish.scim.sdk.server.filter.AttributeExpressionLeaf;
import de.captaingoldfish.scim.sdk.server.filter.AttributePathRoot;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.filter.NotExpressionNode;
import de.captaingoldfish.scim.sdk.server.filter.OrExpressionNode;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns a parsed SCIM filter into a JPQL condition, so the database does the filtering through
 * its indexes and an organization's users are never loaded to be filtered in memory. Only the
 * attributes a resource maps to a column, and the multi-valued ones it keeps a row per element of,
 * can be filtered on; any other gets a clear {@code invalidFilter}.
 */
final class FilterTranslation {

    private static final char ESCAPE = '!';

    /** How a filterable attribute is stored. */
    enum Kind { STRING, STORED_LOWER_CASE, CASE_EXACT, BOOLEAN, EPOCH_MILLIS }

    /**
     * A filterable attribute: the JPQL expression of its value, and, when the value lives in
     * another table, the EXISTS subquery that holds the comparison ({@code %s}).
     * <p>
     * {@code fallback} holds the value for a resource that has no row where this target looks
     * (a member no directory wrote, such as one who signed in with SSO): the condition is then
     * "a row matches, or there is no row and the fallback matches". {@code equality}, when set,
     * answers {@code eq} and {@code ne} with an index look-up of the values it names instead.
     */
    record Target(String expression, Kind kind, String enclosingCondition, Target fallback, Equality equality) {
        static Target column(String expression, Kind kind) {
            return new Target(expression, kind, "%s", null, null);
        }

        static Target in(String expression, Kind kind, String enclosingCondition) {
            return new Target(expression, kind, enclosingCondition, null, null);
        }

        Target orElse(Target fallback) {
            return new Target(expression, kind, enclosingCondition, fallback, equality);
        }

        Target equalTo(Equality equality) {
            return new Target(expression, kind, enclosingCondition, fallback, equality);
        }
    }

    /** {@code expression in (values(x))} stands for {@code attribute eq x}. */
    record Equality(String expression, Function<String, Collection<String>> values) {
    }

    /**
     * A multi-valued complex attribute kept one row per element, such as {@code emails}: the
     * EXISTS over its rows ({@code %s}) and its sub-attributes, by full name
     * ({@code emails.type}). A value path ({@code emails[type eq "work" and value eq "x"]}, or
     * Entra's {@code emails[type eq "work"].value eq "x"}) is one EXISTS, so all its comparisons
     * hold for the same element.
     */
    record Element(String enclosingCondition, Map<String, Target> subAttributes) {
    }

    /** A condition and the parameters it names. */
    record Condition(String jpql, Map<String, Object> parameters) {
        static final Condition NONE = new Condition("1 = 1", Map.of());

        void bind(TypedQuery<?> query) {
            parameters.forEach(query::setParameter);
        }
    }

    private final Map<String, Target> targets;
    private final Map<String, Element> elements;
    private final Map<String, Object> parameters = new HashMap<>();

    private FilterTranslation(Map<String, Target> targets, Map<String, Element> elements) {
        this.targets = targets;
        this.elements = elements;
    }

    static Condition translate(FilterNode filter, Map<String, Target> targets) {
        return translate(filter, targets, Map.of());
    }

    static Condition translate(FilterNode filter, Map<String, Target> targets, Map<String, Element> elements) {
        if (filter == null) {
            return Condition.NONE;
        }
        FilterTranslation translation = new FilterTranslation(targets, elements);
        String jpql = translation.node(filter, null);
        return new Condition(jpql, translation.parameters);
    }

    /** {@code element}: the multi-valued attribute whose value path holds this node, or null. */
    private String node(FilterNode node, String element) {
        if (element == null && node instanceof AndExpressionNode and && isValuePathWithSubAttribute(and)) {
            // Entra's emails[type eq "work"].value eq "x": the engine gives "(type eq work) and value eq x", of one element
            return valuePath(((AttributeExpressionLeaf) and.getRightNode()).getSchemaAttribute().getParent().getScimNodeName(), and);
        }
        if (element == null && node instanceof AttributePathRoot path && path.getChild() != null) {
            return valuePath(path.getSchemaAttribute().getScimNodeName(), path.getChild());
        }
        if (node instanceof AndExpressionNode and) {
            return "(" + node(and.getLeftNode(), element) + " and " + node(and.getRightNode(), element) + ")";
        }
        if (node instanceof OrExpressionNode or) {
            return "(" + node(or.getLeftNode(), element) + " or " + node(or.getRightNode(), element) + ")";
        }
        if (node instanceof NotExpressionNode not) {
            return "(not " + node(not.getRightNode(), element) + ")";
        }
        if (node instanceof AttributeExpressionLeaf leaf) {
            return element == null ? leaf(leaf) : elementLeaf(leaf, element);
        }
        throw invalid("This filter expression is not supported: " + node);
    }

    private String valuePath(String element, FilterNode filter) {
        Element rows = elements.get(element);
        if (rows == null) {
            throw invalid("Value filters on '" + element + "' are not supported. Value filters on: " + new TreeSet<>(elements.keySet()) + ".");
        }
        return String.format(rows.enclosingCondition(), node(filter, element));
    }

    /**
     * How the engine parses {@code a[filter].sub op x}: an AND of the bracket's filter, whose every
     * comparison is marked with the sub-attribute, and the comparison of {@code a.sub}, unmarked.
     * The same AND written out ({@code a.type eq "work" and a.value eq "x"}) has no mark.
     */
    private static boolean isValuePathWithSubAttribute(AndExpressionNode and) {
        String sub = and.getLeftNode().getSubAttributeName();
        if (sub == null || !(and.getRightNode() instanceof AttributeExpressionLeaf compared) || compared.getSubAttributeName() != null
                || compared.getSchemaAttribute().getParent() == null) {
            return false;
        }
        SchemaAttribute parent = compared.getSchemaAttribute().getParent();
        return compared.getSchemaAttribute().getName().equals(sub) && marked(and.getLeftNode(), sub, parent);
    }

    private static boolean marked(FilterNode node, String sub, SchemaAttribute parent) {
        if (node instanceof AndExpressionNode and) {
            return marked(and.getLeftNode(), sub, parent) && marked(and.getRightNode(), sub, parent);
        }
        if (node instanceof OrExpressionNode or) {
            return marked(or.getLeftNode(), sub, parent) && marked(or.getRightNode(), sub, parent);
        }
        if (node instanceof NotExpressionNode not) {
            return marked(not.getRightNode(), sub, parent);
        }
        return node instanceof AttributeExpressionLeaf leaf && sub.equals(leaf.getSubAttributeName())
                && leaf.getSchemaAttribute().getParent() == parent;
    }

    private String elementLeaf(AttributeExpressionLeaf leaf, String element) {
        Target target = elements.get(element).subAttributes().get(leaf.getSchemaAttribute().getScimNodeName());
        if (target == null) {
            throw invalid("Filtering on '" + leaf.getSchemaAttribute().getScimNodeName() + "' in a value filter is not supported. Filter on: "
                    + new TreeSet<>(elements.get(element).subAttributes().keySet()) + ".");
        }
        return comparison(target, leaf);
    }

    private String leaf(AttributeExpressionLeaf leaf) {
        String name = leaf.getSchemaAttribute().getScimNodeName();
        Target target = targets.get(name);
        if (target == null && !leaf.isMainSchemaNode()) {
            target = targets.get(leaf.getSchemaAttribute().getFullResourceName());
        }
        if (target == null && leaf.getSchemaAttribute().getParent() != null) {
            Element rows = elements.get(leaf.getSchemaAttribute().getParent().getScimNodeName());
            target = rows == null ? null : Optional.ofNullable(rows.subAttributes().get(name))
                    .map(sub -> Target.in(sub.expression(), sub.kind(), rows.enclosingCondition())).orElse(null);
        }
        if (target == null) {
            throw invalid("Filtering on '" + name + "' is not supported. Filter on: " + filterable() + ".");
        }
        return condition(target, leaf);
    }

    private String condition(Target target, AttributeExpressionLeaf leaf) {
        Comparator comparator = leaf.getComparator();
        if (target.equality() != null && !leaf.isNull() && (comparator == Comparator.EQ || comparator == Comparator.NE)) {
            Collection<String> values = target.equality().values().apply(leaf.getValue());
            return "(" + target.equality().expression() + (comparator == Comparator.NE ? " not in " : " in ") + parameter(values) + ")";
        }
        String matched = String.format(target.enclosingCondition(), comparison(target, leaf));
        if (target.fallback() == null) {
            return matched;
        }
        return "(" + matched + " or (not " + String.format(target.enclosingCondition(), "1 = 1") + " and " + condition(target.fallback(), leaf) + "))";
    }

    private Set<String> filterable() {
        Set<String> names = new TreeSet<>(targets.keySet());
        elements.values().forEach(element -> names.addAll(element.subAttributes().keySet()));
        return names;
    }

    private String comparison(Target target, AttributeExpressionLeaf leaf) {
        String subject = target.expression();
        Comparator comparator = leaf.getComparator();
        if (comparator == Comparator.PR) {
            return target.kind() == Kind.BOOLEAN || target.kind() == Kind.EPOCH_MILLIS
                    ? subject + " is not null"
                    : "(" + subject + " is not null and " + subject + " <> '')";
        }
        if (leaf.isNull()) {
            return switch (comparator) {
                case EQ -> subject + " is null";
                case NE -> subject + " is not null";
                default -> throw invalid("Only eq and ne compare with null.");
            };
        }
        Object value = value(target, leaf);
        String compared = target.kind() == Kind.STRING ? "lower(" + subject + ")" : subject;
        return switch (comparator) {
            case EQ -> compared + " = " + parameter(value);
            case NE -> "(" + subject + " is null or " + compared + " <> " + parameter(value) + ")";
            case CO -> like(compared, "%" + escape(text(value, comparator)) + "%");
            case SW -> like(compared, escape(text(value, comparator)) + "%");
            case EW -> like(compared, "%" + escape(text(value, comparator)));
            case GT -> compared + " > " + parameter(ordered(value, comparator));
            case GE -> compared + " >= " + parameter(ordered(value, comparator));
            case LT -> compared + " < " + parameter(ordered(value, comparator));
            case LE -> compared + " <= " + parameter(ordered(value, comparator));
            default -> throw invalid("The operator '" + comparator + "' is not supported.");
        };
    }

    private static Object value(Target target, AttributeExpressionLeaf leaf) {
        return switch (target.kind()) {
            case BOOLEAN -> leaf.getBooleanValue().orElseThrow(() -> invalid("'" + leaf.getShortName() + "' compares with true or false."));
            case EPOCH_MILLIS -> leaf.getDateTime().map(Instant::toEpochMilli)
                    .orElseThrow(() -> invalid("'" + leaf.getShortName() + "' compares with a date-time."));
            case CASE_EXACT -> leaf.getValue();
            case STRING -> leaf.getValue().toLowerCase(Locale.ROOT);
            case STORED_LOWER_CASE -> DerivedUsernames.canonical(leaf.getValue());
        };
    }

    private static String text(Object value, Comparator comparator) {
        if (value instanceof String text) {
            return text;
        }
        throw invalid("The operator '" + comparator + "' compares text only.");
    }

    private static Object ordered(Object value, Comparator comparator) {
        if (value instanceof Boolean) {
            throw invalid("The operator '" + comparator + "' does not compare booleans.");
        }
        return value;
    }

    private String like(String subject, String pattern) {
        return subject + " like " + parameter(pattern) + " escape '" + ESCAPE + "'";
    }

    private String parameter(Object value) {
        String name = "f" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }

    private static String escape(String text) {
        return text.replace("" + ESCAPE, "" + ESCAPE + ESCAPE).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_");
    }

    private static BadRequestException invalid(String message) {
        return new BadRequestException(message, ScimType.RFC7644.INVALID_FILTER);
    }
}

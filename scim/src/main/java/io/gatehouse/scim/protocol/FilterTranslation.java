package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.Comparator;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.server.filter.AndExpressionNode;
import de.captaingoldfish.scim.sdk.server.filter.AttributeExpressionLeaf;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.filter.NotExpressionNode;
import de.captaingoldfish.scim.sdk.server.filter.OrExpressionNode;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a parsed SCIM filter into a JPQL condition, so the database does the filtering through
 * its indexes and an organization's users are never loaded to be filtered in memory. Only the
 * attributes a resource maps to a column can be filtered on; any other gets a clear
 * {@code invalidFilter}.
 */
final class FilterTranslation {

    private static final char ESCAPE = '!';

    /** How a filterable attribute is stored. */
    enum Kind { STRING, STORED_LOWER_CASE, CASE_EXACT, BOOLEAN, EPOCH_MILLIS }

    /**
     * A filterable attribute: the JPQL expression of its value, and, when the value lives in
     * another table, the EXISTS subquery that holds the comparison ({@code %s}).
     */
    record Target(String expression, Kind kind, String enclosingCondition) {
        static Target column(String expression, Kind kind) {
            return new Target(expression, kind, "%s");
        }
    }

    /** A condition and the parameters it names. */
    record Condition(String jpql, Map<String, Object> parameters) {
        static final Condition NONE = new Condition("1 = 1", Map.of());

        void bind(TypedQuery<?> query) {
            parameters.forEach(query::setParameter);
        }
    }

    private final Map<String, Target> targets;
    private final Map<String, Object> parameters = new HashMap<>();

    private FilterTranslation(Map<String, Target> targets) {
        this.targets = targets;
    }

    static Condition translate(FilterNode filter, Map<String, Target> targets) {
        if (filter == null) {
            return Condition.NONE;
        }
        FilterTranslation translation = new FilterTranslation(targets);
        String jpql = translation.node(filter);
        return new Condition(jpql, translation.parameters);
    }

    private String node(FilterNode node) {
        if (node instanceof AndExpressionNode and) {
            return "(" + node(and.getLeftNode()) + " and " + node(and.getRightNode()) + ")";
        }
        if (node instanceof OrExpressionNode or) {
            return "(" + node(or.getLeftNode()) + " or " + node(or.getRightNode()) + ")";
        }
        if (node instanceof NotExpressionNode not) {
            return "(not " + node(not.getRightNode()) + ")";
        }
        if (node instanceof AttributeExpressionLeaf leaf) {
            return leaf(leaf);
        }
        throw invalid("This filter expression is not supported: " + node);
    }

    private String leaf(AttributeExpressionLeaf leaf) {
        String name = leaf.getSchemaAttribute().getScimNodeName();
        Target target = targets.get(name);
        if (target == null && !leaf.isMainSchemaNode()) {
            target = targets.get(leaf.getSchemaAttribute().getFullResourceName());
        }
        if (target == null) {
            throw invalid("Filtering on '" + name + "' is not supported. Filter on: " + new TreeSet<>(targets.keySet()) + ".");
        }
        return String.format(target.enclosingCondition(), comparison(target, leaf));
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
            case STRING, STORED_LOWER_CASE -> leaf.getValue().toLowerCase(Locale.ROOT);
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

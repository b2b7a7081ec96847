import { useId } from "react";
import { isSortOrder, SORT_ORDERS, type SortOrder } from "../model/sort-order.js";

/** SortPicker chooses how the board is sorted. */
export function SortPicker(props: { order: SortOrder; onChange: (order: SortOrder) => void }) {
  const id = useId();
  return (
    <div className="sort-picker">
      <label htmlFor={id}>Sort</label>
      <select
        id={id}
        className="text-input"
        value={props.order}
        onChange={(event) => {
          if (isSortOrder(event.target.value)) props.onChange(event.target.value);
        }}
      >
        {SORT_ORDERS.map((entry) => (
          <option key={entry.order} value={entry.order}>
            {entry.label}
          </option>
        ))}
      </select>
    </div>
  );
}

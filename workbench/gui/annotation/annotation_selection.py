"""The selected annotation: the one keys act on when no text is selected, and what the
status bar says about it.

A mixin of :class:`~.tagger.Tagger`. An annotation becomes *selected* when it is
clicked, chosen in the side panel or just made; it is drawn framed (see
:mod:`.annotation_overlay`) and the status bar names it, with what the keys will do.
Keys act on the text selection or on the selected annotation, never on one the user
cannot see: a mention that only lies under the caret is selected by the first label
key or Delete (which say so), and changed by the second. Moving the caret out of the
selected annotation, selecting text outside it, Escape, deleting it and showing another
document all deselect it, so a key pressed minutes later (after Find, say) cannot land
on it.

Ctrl+J, the next sentence without annotations, is here too: it moves the caret.

The status bar has two voices: a steady one (a label at its left) for what is selected,
kept true whenever that changes, and passing messages (:meth:`say`) for what a command
did, or why it did nothing.
"""

from __future__ import annotations

from workbench.gui.annotation.annotation_panel import one_line
from workbench.gui.annotation.tagger_base import TaggerBase, Target
from workbench.text.snapping import proclitic_choices, word_start

MESSAGE_MS = 10_000


class AnnotationSelection(TaggerBase):
    """Choosing, deselecting and describing the selected annotation, for the tagger."""

    def choose(self, target: Target | None, *, select: bool = True, redraw: bool = True) -> None:
        """Select ``target`` (None: nothing); with ``select``, select its text too."""
        self.active = target if target is not None and self._exists(target) else None
        # The side panel follows a moment later, in its own paint: scrolling its list to
        # the new row (and retitling its tabs) repaints the whole dock, which would
        # double what a keypress costs.
        self.panel_timer.start()
        if self.active and self.active[0] == "event":
            if self.current_event != self.active[1]:
                self.adding_arguments = False
            self.current_event = self.active[1]
        if self.active is not None and select:
            start, end = self.span_of(self.active)
            self.view.setTextCursor(self.view.cursor_for(start, end))
            self.view.reveal_offset(start)
            self.view.setFocus()
        self.highlights.set_emphasis(self.active, self.linked_event(), redraw=redraw)
        self.view.viewport().update()  # the frame
        self.show_state()

    def deselect(self) -> None:
        if self.active is not None:
            self.choose(None, select=False)

    def caret_moved(self) -> None:
        """The caret or the text selection moved: deselect what it left, follow events."""
        if self.active is not None and not self._caret_in(self.active):
            self.choose(None, select=False)
            return
        linked = self.linked_event()
        if linked != self.highlights.current_event:
            self.highlights.set_emphasis(self.active, linked)
            self.view.viewport().update()

    def _caret_in(self, target: Target) -> bool:
        if not self._exists(target):
            return False
        cursor = self.view.textCursor()
        first, last = sorted((cursor.anchor(), cursor.position()))
        a, b = self.view.offsets.span_from_qt(first, last)
        start, end = self.span_of(target)
        return start <= a and b <= end

    def linked_event(self) -> int | None:
        """The event drawn joined to its arguments: the one taking arguments, else the
        one whose trigger is selected or under the caret, else one the selected mention
        is an argument of."""
        data = self.annotations
        if self.adding_arguments and self.current_event in data.events:
            return self.current_event
        if self.active is not None and self.active[0] == "event":
            return self.active[1]
        cursor = self.view.textCursor()
        if not cursor.hasSelection() and data.events:
            events = data.events_at(self.view.offsets.from_qt(cursor.position()))
            if events:
                return events[0].id
        if self.active is not None:
            using = data.events_using(self.active[1])
            if using:
                return using[0].id
        return None

    def target(self) -> Target | None:
        """The selected annotation, if the caret (or the selection) is in it."""
        if self.active is not None and self._caret_in(self.active):
            return self.active
        return None

    def under_caret(self) -> Target | None:
        """The innermost mention (else trigger) at the caret, selected or not."""
        cursor = self.view.textCursor()
        if cursor.hasSelection():
            return None
        at = self.view.offsets.from_qt(cursor.position())
        mentions = self.annotations.mentions_at(at)
        if mentions:
            return ("mention", mentions[0][0])
        events = self.annotations.events_at(at)
        return ("event", events[0].id) if events else None

    def select_under_caret(self, then: str) -> bool:
        """Select the annotation under the caret, saying that ``then`` changes it; False
        if there is none."""
        under = self.under_caret()
        if under is None:
            return False
        self.choose(under, select=False)
        self.say(f"{self.name(under)} is selected now: {then}")
        return True

    def span_of(self, target: Target) -> tuple[int, int]:
        if target[0] == "mention":
            row = self.annotations.rows[target[1]]
            return row[1], row[2]
        event = self.annotations.events[target[1]]
        return event.trigger_start, event.trigger_end

    def name(self, target: Target) -> str:
        """``PER “بوتين”``: what the user sees of an annotation."""
        start, end = self.span_of(target)
        text = one_line(self.annotations.text[start:end], 40)
        if target[0] == "mention":
            return f"{self.annotations.rows[target[1]][3]} “{text}”"
        return f"{self.annotations.events[target[1]].type} “{text}”"

    def describe(self, target: Target) -> str:
        if target[0] == "mention":
            extra = ""
            choices = self.clitic_cycle(target[1])
            if len(choices) > 1:
                label = self.annotations.rows[target[1]][3]
                key = self.label_key(label)
                nxt = choices[(choices.index(self.span_of(target)) + 1) % len(choices)]
                again = f"{key} again" if key else "its label again"
                extra = f"; {again}: “{one_line(self.annotations.text[nxt[0] : nxt[1]], 30)}”"
            return (
                f"Selected {self.name(target)}: a label key relabels it{extra}; "
                "Delete deletes it; Esc deselects"
            )
        if self.adding_arguments:
            return (
                f"Adding arguments to {self.name(target)}: click the mentions that take part "
                "(or Ctrl+R at one) and choose their role; Esc when done"
            )
        return f"Selected {self.name(target)}: Ctrl+R adds arguments, Delete deletes it"

    def clitic_cycle(self, mention_id: int) -> list[tuple[int, int]]:
        """The mention's word with and without an Arabic proclitic, in the order a second
        press of its label key steps through; one span if it has none."""
        row = self.annotations.rows.get(mention_id)
        if row is None:
            return []
        text, start, end = self.annotations.text, row[1], row[2]
        word = word_start(text, start)
        spans = [(word, end)] + proclitic_choices(text, word, end, self.known_words)
        return spans if (start, end) in spans else [(start, end)]

    def show_state(self) -> None:
        """The steady part of the status bar: what is selected, now."""
        text = self.describe(self.active) if self.active is not None else ""
        if text != self.status.state():
            self.status.set_state(text)
            self.status.clearMessage()  # an older message would hide it

    def say(self, text: str) -> None:
        self.status.showMessage(text, MESSAGE_MS)

    def _exists(self, target: Target) -> bool:
        pool = self.annotations.rows if target[0] == "mention" else self.annotations.events
        return target[1] in pool

    def _put_cursor_after(self, target: Target) -> None:
        start, end = self.span_of(target)
        self.view.setTextCursor(self.view.cursor_for(end))
        self.view.reveal_offset(start)

    def next_unannotated(self) -> None:
        """Ctrl+J: the cursor to the next sentence without any annotation (wrapping)."""
        view, data = self.view, self.annotations
        count = view.sentence_count()
        if not count:
            return
        here = view.sentence_at_offset(view.offsets.from_qt(view.textCursor().position()))
        for step in range(1, count + 1):
            index = (here + step) % count
            start, end = view.sentence_span(index)
            if data.text[start:end].strip() and not data.annotated(start, end):
                view.setTextCursor(view.cursor_for(start))
                view.reveal_offset(start)
                view.setFocus()
                wrapped = " (from the top)" if index <= here else ""
                self.say(f"Sentence {index + 1} of {count} has no annotation{wrapped}")
                return
        self.say("Every sentence has an annotation")

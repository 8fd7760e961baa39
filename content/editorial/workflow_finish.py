"""What happens when every review step has approved a page: it is published.

Wagtail's default publishes as the last approver and checks that they may publish. Our
last approver is a scientific reviewer, who by design has no publish permission of
their own; the completed workflow (a senior editor's approval plus theirs, or one
senior editor's in the emergency fast track) is the permission. It is recorded first,
keyed by the revision the workflow approved, so that the publish gate
(content/publish_gate.py) lets exactly that revision out, now or at its scheduled time.

Imported by Wagtail's WorkflowState model while ``wagtail.models`` loads, so the gate
is imported when a workflow finishes, not at module level.
"""


def publish_approved(workflow_state, user=None):
    from content import publish_gate

    page = workflow_state.content_object
    task_state = workflow_state.current_task_state
    revision = (
        task_state.revision
        if task_state is not None and task_state.revision_id
        else page.get_latest_revision()
    )
    publish_gate.record_workflow_approval(revision, workflow_state, user)
    revision.publish(user=user, skip_permission_checks=True)

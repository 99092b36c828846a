"""The ground floor below every app: the one pattern every app's views and services use.

- ``errors``: the one concurrency error and its Swedish message.
- ``permissions``: rules answer ``Decision(allowed, reason)``; ``require`` turns a refusal
  into the 403 with its reason.
- ``forms``: save a valid form through a service and answer 400 for a rule, 409 for a
  concurrent edit, the user's input kept on the form.

Nothing here imports an app of the project.
"""

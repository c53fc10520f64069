/** Whether the profile switcher (a shared board's sign-in dialog) is open; any view may ask for it (e.g. "choose a profile first"). */
class SwitcherState {
  open = $state(false);
}

export const switcher = new SwitcherState();

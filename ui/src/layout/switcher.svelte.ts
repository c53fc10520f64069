/** Whether the profile switcher is open; any view may ask for it (e.g. "choose a profile first"). */
class SwitcherState {
  open = $state(false);
}

export const switcher = new SwitcherState();

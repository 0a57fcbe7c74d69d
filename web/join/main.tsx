import { render } from 'preact';
import './join.css';
import { JoinApp } from './JoinApp';
import { takeInviteToken } from './inviteToken';

// Before anything renders: the token leaves the address bar at once, so it is not bookmarked,
// synced or shared by accident.
const token = takeInviteToken(window.location, window.history);

render(<JoinApp token={token} />, document.getElementById('app')!);
